import { describe, expect, it } from 'vitest';
import { FileKeySecretStore } from '../../../electron/services/secret-store';
import { AppError } from '../../../shared/result';
import { useTempDirs } from '../helpers/temp-dir';
import { clock, smallTeam, teamDesk, type TeamDesk } from '../helpers/team-desks';

const tempDir = useTempDirs();
const desk = (dir = tempDir()) => teamDesk(dir);
const team = () => smallTeam(tempDir);

const ringOf = (d: TeamDesk) => d.settings.get().deadlinePolicy.rules.ring.duration;

describe('the team on real SQLite desks', () => {
  it('joins agents with the admin\'s file: roles, leads and agents follow the directory, policies become read-only', () => {
    const { admin, agents } = team();
    expect(admin.team.status()).toMatchObject({ role: 'admin', user: '1000', version: 3, members: 3, managed: [] });
    expect(agents[0]!.team.status()).toMatchObject({ role: 'agent', user: '1001', teamId: 'hotline-a', version: 3, managed: ['deadlinePolicy', 'compliance', 'team', 'monitoring', 'phrases'] });
    expect(agents[0]!.team.status().adminFingerprint).toBe(admin.team.status().fingerprint);
    expect(agents[0]!.settings.get().team).toMatchObject({ role: 'agent', leads: ['1000'], agents: [] });
    expect(admin.settings.get().team).toMatchObject({ role: 'lead', agents: ['1001', '1002'] });
  });

  it('refuses an agent\'s change to a managed policy, and logs it; personal settings stay the agent\'s', () => {
    const { agents } = team();
    const agent = agents[0]!;
    const policy = agent.settings.get().deadlinePolicy;
    const change = { deadlinePolicy: { ...policy, rules: { ...policy.rules, ring: { ...policy.rules.ring, duration: '60s' } } } };
    expect(() => agent.team.guardSettings(change, '1001')).toThrow(AppError);
    expect(() => agent.team.guardSettings(change, '1001')).toThrow(/managed by your team/);
    expect(agent.log.list('policy-refused', 10)[0]).toMatchObject({ detail: { keys: ['deadlinePolicy'], actor: '1001', role: 'agent' } });
    expect(() => agent.team.guardSettings({ locale: 'en-US', appearance: { fontSize: 'large', theme: 'dark', density: 'compact' } }, '1001')).not.toThrow();
  });

  it('the admin changes the ring limit: a new signed version that each agent takes, an offline one later, never an old one', () => {
    const { admin, agents } = team();
    const [online, offline] = agents as [TeamDesk, TeamDesk];
    const setRing = (duration: string) => {
      const policy = admin.settings.get().deadlinePolicy;
      admin.settings.update({ deadlinePolicy: { ...policy, rules: { ...policy.rules, ring: { ...policy.rules.ring, duration } } } });
      admin.team.policiesChanged();
    };
    setRing('20s');
    const v4 = admin.team.signedDirectory()!;
    online.team.receiveDirectory(v4, 'sip:1000');
    expect([ringOf(online), online.team.status().version]).toEqual(['20s', 4]);
    setRing('25s');
    // the offline desk missed version 4 and comes back to version 5
    offline.team.receiveDirectory(admin.team.signedDirectory()!, 'file');
    expect([ringOf(offline), offline.team.status().version]).toEqual(['25s', 5]);
    // version 4 again (a replay, or a late delivery) changes nothing
    expect(() => offline.team.receiveDirectory(v4, 'sip:1000')).toThrow(/not-newer/);
    expect(ringOf(offline)).toBe('25s');
    expect(offline.log.list('team-refused', 10)[0]).toMatchObject({ detail: { what: 'directory', reason: 'not-newer', via: 'sip:1000' } });
  });

  it('the phrase library is the team\'s: an agent\'s edit is refused; the admin\'s edit reaches the agent with the next version', () => {
    const { admin, agents } = team();
    const agent = agents[0]!;
    expect(() => agent.team.guardPhrases('1001')).toThrow(/managed by your team: phrases/);
    expect(agent.log.list('policy-refused', 10)[0]).toMatchObject({ detail: { keys: ['phrases'], actor: '1001' } });
    const first = admin.phrases.library('zh-CN').phrases[0]!;
    admin.phrases.save('zh-CN', { ...first, say: ['您好，坐席电信，很高兴为您服务。'] });
    admin.team.policiesChanged();
    agent.team.receiveDirectory(admin.team.signedDirectory()!, 'sip:1000');
    expect(agent.team.status().version).toBe(4);
    expect(agent.phrases.library('zh-CN').phrases.find((p) => p.id === first.id)?.say).toEqual(['您好，坐席电信，很高兴为您服务。']);
    expect(agent.phrases.library('en-US').phrases).toEqual(admin.phrases.library('en-US').phrases);
    // nothing moved: no new version
    admin.team.policiesChanged();
    expect(admin.team.status().version).toBe(4);
  });

  it('refuses a forged directory: tampered, or signed by another would-be admin', () => {
    const { admin, agents } = team();
    const agent = agents[0]!;
    const real = admin.team.signedDirectory()!;
    const raised = real.body.replace('"version":3', '"version":99').replace('"role":"agent"', '"role":"admin"');
    expect(() => agent.team.receiveDirectory({ body: raised, sig: real.sig }, 'sip:1000')).toThrow(/bad-signature/);
    const rogue = desk();
    rogue.team.createTeam({ teamId: 'hotline-a', company: '坐席电信', user: '1000', name: '假主管' });
    for (let i = 0; i < 5; i++) rogue.team.revoke('1000'); // version 7, higher than the real one
    expect(() => agent.team.receiveDirectory(rogue.team.signedDirectory()!, 'sip:1000')).toThrow(/bad-signature/);
    expect(() => desk().team.join(JSON.parse(JSON.stringify(rogue.team.provisioning())))).toThrow(/not in that directory/);
    expect(agent.team.status()).toMatchObject({ role: 'agent', version: 3 });
    expect(agent.log.list('team-refused', 10).map((e) => e.detail['reason'])).toEqual(['bad-signature', 'bad-signature']);
  });

  it('signs messages that the lead verifies once; a replay, a revoked member and a wrong From are refused, even after a restart', () => {
    const { admin, agents } = team();
    const message = agents[0]!.team.sign({ kind: 'presence', status: 'ready' });
    expect(admin.team.verify(message, '1001')).toMatchObject({ ok: true, envelope: { from: '1001', payload: { status: 'ready' } } });
    expect(admin.team.verify(message, '1001')).toMatchObject({ ok: false, reason: 'replayed' });
    // the nonces are in SQLite: the restarted lead desk still refuses the replay
    admin.db.close();
    const restarted = desk(admin.dir);
    expect(restarted.team.verify(message, '1001')).toMatchObject({ ok: false, reason: 'replayed' });
    expect(restarted.team.verify(agents[1]!.team.sign({ kind: 'presence' }), '1001')).toMatchObject({ ok: false, reason: 'sender-mismatch' });
    restarted.team.revoke('1002');
    expect(restarted.team.verify(agents[1]!.team.sign({ kind: 'presence' }), '1002')).toMatchObject({ ok: false, reason: 'revoked-member' });
    clock.now += 10 * 60_000;
    const late = agents[0]!.team.sign({ kind: 'presence' });
    clock.now -= 10 * 60_000; // the receiver's clock is 10 min behind the sender's
    expect(restarted.team.verify(late, '1001')).toMatchObject({ ok: false, reason: 'stale' });
    expect(restarted.log.list('team-refused', 10).map((e) => e.detail['reason'])).toEqual(['stale', 'revoked-member', 'sender-mismatch', 'replayed', 'replayed']);
  });

  it('keeps the private key sealed: never in the database in the clear, never in what the desk hands out', () => {
    const { agents } = team();
    const agent = agents[0]!;
    const row = agent.db.prepare('SELECT private_key FROM team_identity').get() as { private_key: Buffer };
    const out = JSON.stringify([agent.team.status(), agent.team.joinRequest({ user: '1001', name: 'x', staffNo: '' }), agent.team.sign({})]);
    // PKCS#8 DER of an Ed25519 key starts 302e020100300506032b6570: not in the row, not in anything handed out
    expect(row.private_key.includes(Buffer.from('302e020100300506032b6570', 'hex'))).toBe(false);
    expect(row.private_key.toString('latin1')).not.toContain('MC4CAQAwBQYDK2Vw'); // its base64 form
    expect(out).not.toContain('MC4CAQAwBQYDK2Vw');
    // another desk folder's key file cannot open it
    expect(() => new FileKeySecretStore(tempDir(), 'test-machine').decrypt(row.private_key)).toThrow();
  });
});
