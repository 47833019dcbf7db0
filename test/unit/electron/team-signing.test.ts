import { describe, expect, it } from 'vitest';
import { MESSAGE_WINDOW_MS, fingerprintOf, judgeDirectory, judgeMessage, mayChangePolicies, type Directory, type NonceClaims } from '../../../shared/team';
import { generateKeyPair, signBody, verifyBody } from '../../../electron/services/team/ed25519';
import { loadDefaultSettings } from '../../../electron/services/settings.service';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PhraseLibrarySchema } from '../../../shared/phrases';

const RESOURCES = join(__dirname, '../../../resources');
const defaults = loadDefaultSettings(RESOURCES);
const library = (locale: 'zh-CN' | 'en-US') => PhraseLibrarySchema.parse(JSON.parse(readFileSync(join(RESOURCES, 'phrases', `${locale}.json`), 'utf8')));
const admin = generateKeyPair();
const agent = generateKeyPair();
const NOW = Date.UTC(2026, 11, 1, 2, 0);

const directory = (version: number, adminKey = admin.publicKey): Directory => ({
  format: 1,
  teamId: 'hotline-a',
  company: '坐席电信',
  version,
  issuedAt: NOW,
  adminKey,
  members: [
    { user: '1000', name: '张主管', staffNo: 'A1', role: 'admin', team: 'hotline-a', leads: [], publicKey: admin.publicKey, revoked: false },
    { user: '1001', name: '王工', staffNo: 'A2', role: 'agent', team: 'hotline-a', leads: ['1000'], publicKey: agent.publicKey, revoked: false },
  ],
  policies: { deadlinePolicy: defaults.deadlinePolicy, compliance: defaults.compliance, ackTimeoutSeconds: 60, presenceSeconds: 15, monitoring: defaults.monitoring, phrases: { 'zh-CN': library('zh-CN'), 'en-US': library('en-US') } },
});
const signed = (d: unknown, key = admin.privateKeyDer) => {
  const body = JSON.stringify(d);
  return { body, sig: signBody(key, body) };
};
const check = (s: { body: string; sig: string }, pinned = admin.publicKey, current = 0) => judgeDirectory(s, pinned, verifyBody(pinned, s.body, s.sig), current);

/** An in-memory NonceClaims for the pure judge (the desk keeps them in SQLite). */
const claims = (): NonceClaims => {
  const seen = new Set<string>();
  return { claim: (from, nonce) => (seen.has(`${from} ${nonce}`) ? false : (seen.add(`${from} ${nonce}`), true)) };
};

describe('signed team directory', () => {
  it('takes a newer directory signed by the pinned admin key', () => {
    const verdict = check(signed(directory(2)), admin.publicKey, 1);
    expect(verdict.ok && verdict.directory.version).toBe(2);
  });

  it('refuses a bad signature, a lower or equal version, another admin key and a malformed body', () => {
    const good = signed(directory(2));
    expect(check({ ...good, sig: signed(directory(3)).sig })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(check({ body: good.body.replace('坐席电信', '假冒电信'), sig: good.sig })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(check(good, admin.publicKey, 2)).toEqual({ ok: false, reason: 'not-newer' });
    expect(check(good, admin.publicKey, 5)).toEqual({ ok: false, reason: 'not-newer' });
    // signed by another admin, naming itself: the pinned key does not verify it
    const usurper = generateKeyPair();
    expect(check(signed(directory(9, usurper.publicKey), usurper.privateKeyDer))).toEqual({ ok: false, reason: 'bad-signature' });
    // signed by the pinned key but naming another admin key: refused as well
    expect(check(signed(directory(9, usurper.publicKey)))).toEqual({ ok: false, reason: 'other-admin-key' });
    expect(check(signed({ ...directory(3), members: [] }))).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('signed team messages', () => {
  const message = (over: Partial<{ from: string; at: number; nonce: string }> = {}, key = agent.privateKeyDer) =>
    signed({ from: '1001', at: NOW, nonce: 'n0nce-0000000001', payload: { kind: 'presence', status: 'ready' }, ...over }, key);

  it('accepts a member\'s signed message once, inside the window', () => {
    const seen = claims();
    const verdict = judgeMessage(message(), directory(1), verifyBody, seen, NOW + 1_000, '1001');
    expect(verdict.ok && verdict.member.name).toBe('王工');
    expect(judgeMessage(message(), directory(1), verifyBody, seen, NOW + 2_000)).toEqual({ ok: false, reason: 'replayed', from: '1001' });
  });

  it('refuses the wrong key, an unknown or revoked member, an old or future time, and a From the PBX names differently', () => {
    const d = directory(1);
    const verdictOf = (s: { body: string; sig: string }, now = NOW, from?: string, dir = d) => judgeMessage(s, dir, verifyBody, claims(), now, from);
    expect(verdictOf(message({}, admin.privateKeyDer))).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(verdictOf(message({ from: '1009' }))).toMatchObject({ ok: false, reason: 'unknown-member' });
    const revoked = { ...d, members: d.members.map((m) => (m.user === '1001' ? { ...m, revoked: true } : m)) };
    expect(verdictOf(message(), NOW, undefined, revoked)).toMatchObject({ ok: false, reason: 'revoked-member' });
    expect(verdictOf(message(), NOW + MESSAGE_WINDOW_MS + 1)).toMatchObject({ ok: false, reason: 'stale' });
    expect(verdictOf(message(), NOW - MESSAGE_WINDOW_MS - 1)).toMatchObject({ ok: false, reason: 'stale' });
    expect(verdictOf(message(), NOW + MESSAGE_WINDOW_MS)).toMatchObject({ ok: true });
    expect(verdictOf(message(), NOW, '1002')).toMatchObject({ ok: false, reason: 'sender-mismatch' });
    expect(verdictOf({ body: '{not json', sig: message().sig })).toMatchObject({ ok: false, reason: 'malformed' });
  });
});

describe('team helpers', () => {
  it('lets only the admin, or a desk in no team, change the team\'s policies', () => {
    expect([null, 'admin', 'lead', 'agent', 'trainee'].map((r) => mayChangePolicies(r as never))).toEqual([true, true, false, false, false]);
  });

  it('reads a fingerprint as four groups of four', () => {
    expect(fingerprintOf('0123456789abcdef0123')).toBe('0123 4567 89AB CDEF');
  });

  it('verifies only an untouched Ed25519 signature, and never throws on garbage', () => {
    const sig = signBody(agent.privateKeyDer, 'hello');
    expect(verifyBody(agent.publicKey, 'hello', sig)).toBe(true);
    expect(verifyBody(agent.publicKey, 'hellp', sig)).toBe(false);
    expect(verifyBody(admin.publicKey, 'hello', sig)).toBe(false);
    expect(verifyBody('short', 'hello', sig)).toBe(false);
    expect(verifyBody(agent.publicKey, 'hello', 'AAAA')).toBe(false);
  });
});
