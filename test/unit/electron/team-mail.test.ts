import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TEAM_MESSAGE_TYPE } from '../../../shared/escalation';
import { DIRECTORY_MESSAGE_TYPE, MAX_DIRECTORY_MESSAGE_BYTES, SIGNED_MESSAGE_TYPE, type Delivery, type Sealed } from '../../../shared/team-mail';
import { useTempDirs } from '../helpers/temp-dir';
import { clock, smallTeam, teamDesk, type TeamDesk } from '../helpers/team-desks';

const tempDir = useTempDirs();

/** Carries a sealed message from one desk to another as SIP would: the PBX's From, the content type, the body. */
const carry = (from: TeamDesk, to: TeamDesk, sealed: Sealed, pbxFrom = from.user): Delivery => to.mail.deliver({ from: pbxFrom, contentType: sealed.contentType, body: sealed.body });
const refusalsOf = (d: TeamDesk) => d.escalations.refusals().map((r) => `${r.code} ${r.reason}`);

describe('team messages on the main side, between real SQLite desks', () => {
  it('an escalation and its acknowledgement go signed, are stored once, and a repeat is answered again', () => {
    const { admin, agents } = smallTeam(tempDir);
    const agent = agents[0]!;
    const e = agent.escalations.create({ reason: 'sensitive-words', words: ['记者'], note: '客户要找媒体' });
    const sealed = agent.mail.seal({ kind: 'escalation', id: e.payload.id });
    expect(sealed.contentType).toBe(SIGNED_MESSAGE_TYPE);
    expect(JSON.parse(JSON.parse(sealed.body).body)).toMatchObject({ from: '1001', payload: { kind: 'escalation', agent: '1001', note: '客户要找媒体' } });
    expect(carry(agent, admin, sealed)).toMatchObject({ code: 200, effect: { kind: 'escalation', isNew: true, ackAgain: false } });
    expect(admin.escalations.list('in')).toHaveLength(1);
    // the very same message again is a replay; a fresh seal of it is a repeat delivery, stored once
    expect(carry(agent, admin, sealed)).toEqual({ code: 403, reason: 'replayed (claims 1001)' });
    admin.escalations.respond({ id: e.payload.id, status: 'acknowledged', note: '马上到' });
    expect(carry(agent, admin, agent.mail.seal({ kind: 'escalation', id: e.payload.id }))).toMatchObject({ code: 200, effect: { isNew: false, ackAgain: true } });
    expect(admin.escalations.list('in')).toHaveLength(1);
    expect(carry(admin, agent, admin.mail.seal({ kind: 'ack', id: e.payload.id }))).toMatchObject({ code: 200, effect: { kind: 'ack', escalation: { status: 'acknowledged', leadNote: '马上到' } } });
    expect(refusalsOf(admin)).toEqual(['403 replayed (claims 1001)']);
  });

  it('refuses forgeries with their reason: unsigned, wrong key, old, revoked, someone else\'s, not my agent', () => {
    const { admin, agents } = smallTeam(tempDir);
    const [agent, other] = agents as [TeamDesk, TeamDesk];
    const e = agent.escalations.create({ reason: 'manual', note: 'x' });
    // an unsigned message, as a desk in no team sends it, proves nothing here
    expect(carry(agent, admin, { contentType: TEAM_MESSAGE_TYPE, body: JSON.stringify(e.payload) })).toEqual({ code: 403, reason: 'unsigned team message: this desk is in a team' });
    // signed by a desk that only claims to be 1001
    const impostor = teamDesk(tempDir(), '1001');
    const good = JSON.parse(agent.mail.seal({ kind: 'escalation', id: e.payload.id }).body) as { body: string; sig: string };
    const forgedSig = JSON.parse(other.mail.seal({ kind: 'presence', presence: { registered: true, status: 'ready', since: 0 } }).body).sig as string;
    expect(carry(impostor, admin, { contentType: SIGNED_MESSAGE_TYPE, body: JSON.stringify({ body: good.body, sig: forgedSig }) })).toEqual({ code: 403, reason: 'bad-signature (claims 1001)' });
    // 1002 signs with its own key but the PBX says the sender is 1001
    expect(carry(other, admin, other.mail.seal({ kind: 'presence', presence: { registered: true, status: 'ready', since: 0 } }), '1001')).toEqual({ code: 403, reason: 'sender-mismatch (claims 1002)' });
    // signed ten minutes ago (the sender's clock is slow)
    clock.now -= 10 * 60_000;
    const old = agent.mail.seal({ kind: 'escalation', id: e.payload.id });
    clock.now += 10 * 60_000;
    expect(carry(agent, admin, old)).toEqual({ code: 403, reason: 'stale (claims 1001)' });
    // presence sent to another agent: 1001 is not 1002's lead
    expect(carry(other, agent, other.mail.seal({ kind: 'presence', presence: { registered: true, status: 'ready', since: 0 } }))).toEqual({ code: 403, reason: '1001 is not a lead of 1002' });
    // revoked: the lead's desk refuses it from the new version on
    admin.team.revoke('1002');
    expect(carry(other, admin, other.mail.seal({ kind: 'presence', presence: { registered: true, status: 'ready', since: 0 } }))).toEqual({ code: 403, reason: 'revoked-member (claims 1002)' });
    expect(carry(agent, admin, { contentType: 'text/plain', body: 'hi' })).toMatchObject({ code: 415 });
    expect(carry(agent, admin, { contentType: SIGNED_MESSAGE_TYPE, body: 'x'.repeat(20_000) })).toMatchObject({ code: 413 });
    expect(carry(agent, admin, { contentType: SIGNED_MESSAGE_TYPE, body: '{"body":"{}"}' })).toEqual({ code: 400, reason: 'payload is not a signed { body, sig }' });
    expect(admin.escalations.list('in')).toHaveLength(0);
    expect(refusalsOf(admin)).toHaveLength(8);
    expect(admin.log.list('team-refused', 10).map((l) => l.detail['reason'])).toEqual(['revoked-member', 'stale', 'sender-mismatch', 'bad-signature']);
  });

  it('presence reaches the lead\'s roster with the number masked, the directory version and today\'s calls', () => {
    const { admin, agents } = smallTeam(tempDir);
    const agent = agents[0]!;
    agent.agentStates.record({ status: 'on-call', at: clock.now - 60_000 });
    agent.agentStates.record({ status: 'wrap-up', at: clock.now - 20_000 });
    agent.agentStates.record({ status: 'on-call', at: clock.now - 5_000 });
    const presence = { registered: true, status: 'on-call' as const, since: clock.now - 5_000, call: { direction: 'inbound' as const, number: '13800138000', since: clock.now - 5_000, held: true } };
    expect(admin.mail.roster().map((r) => [r.user, r.presence])).toEqual([
      ['1001', null],
      ['1002', null],
    ]);
    expect(carry(agent, admin, agent.mail.seal({ kind: 'presence', presence }))).toMatchObject({ code: 200, effect: { kind: 'presence' } });
    expect(admin.mail.roster()[0]).toMatchObject({
      user: '1001',
      name: '坐席1',
      receivedAt: clock.now,
      presence: { status: 'on-call', call: { number: '138****8000', held: true }, directoryVersion: 3, today: { calls: 2, talkSeconds: 45 } },
    });
    // the agent's own desk has no roster: nobody reports to it
    expect(agent.mail.roster()).toEqual([]);
  });

  it('the directory goes by MESSAGE: a newer one is taken, the same again is a harmless repeat, a tampered one refused', () => {
    const { admin, agents } = smallTeam(tempDir);
    const agent = agents[0]!;
    const policy = admin.settings.get().deadlinePolicy;
    admin.settings.update({ deadlinePolicy: { ...policy, rules: { ...policy.rules, ring: { ...policy.rules.ring, duration: '30s' } } } });
    admin.team.policiesChanged();
    const sealed = admin.mail.seal({ kind: 'directory' });
    expect(sealed.contentType).toBe(DIRECTORY_MESSAGE_TYPE);
    expect(carry(admin, agent, sealed)).toEqual({ code: 200, effect: { kind: 'directory', version: 4 } });
    expect(agent.settings.get().deadlinePolicy.rules.ring.duration).toBe('30s');
    expect(carry(admin, agent, sealed)).toEqual({ code: 200, effect: { kind: 'directory', version: 4 } });
    expect(sealed.body.length).toBeLessThan(MAX_DIRECTORY_MESSAGE_BYTES); // policies and both phrase libraries, deflated
    const tampered = JSON.parse(inflateRawSync(Buffer.from(sealed.body, 'base64')).toString()) as { body: string; sig: string };
    const pack = (json: string) => deflateRawSync(json).toString('base64');
    expect(carry(admin, agent, { contentType: DIRECTORY_MESSAGE_TYPE, body: pack(JSON.stringify({ ...tampered, body: tampered.body.replace('"30s"', '"99s"') })) })).toEqual({
      code: 403,
      reason: 'team directory refused: bad-signature',
    });
    // a small body that would inflate past the cap is refused, not inflated
    expect(carry(admin, agent, { contentType: DIRECTORY_MESSAGE_TYPE, body: pack(' '.repeat(3_000_000)) })).toMatchObject({ code: 400 });
    expect(carry(admin, agent, { contentType: DIRECTORY_MESSAGE_TYPE, body: JSON.stringify(tampered).slice(0, 1000) })).toMatchObject({ code: 400 });
    // a desk in no team takes no directory and no signed message
    expect(carry(admin, teamDesk(tempDir()), sealed)).toEqual({ code: 403, reason: 'signed team message: this desk is in no team' });
  });

  it('a lead\'s coach note reaches its own agent only: signed, for that agent, from one of its leads (issue 17)', () => {
    const { admin, agents } = smallTeam(tempDir);
    const [agent, other] = agents as [TeamDesk, TeamDesk];
    const note = admin.mail.seal({ kind: 'coach', agent: '1001', text: '  先核实身份，再说办理时限 ' });
    expect(note.contentType).toBe(SIGNED_MESSAGE_TYPE);
    expect(carry(admin, agent, note)).toEqual({ code: 200, effect: { kind: 'coach', from: '1000', name: '张主管', text: '先核实身份，再说办理时限', at: clock.now } });
    // the same note at another agent's desk, or replayed, is refused
    expect(carry(admin, other, admin.mail.seal({ kind: 'coach', agent: '1001', text: '给 1001 的' }))).toEqual({ code: 403, reason: 'coach message from 1000 is for 1001' });
    expect(carry(admin, agent, note)).toEqual({ code: 403, reason: 'replayed (claims 1000)' });
    // an agent cannot coach another agent, not even signed by its own key
    expect(() => other.mail.seal({ kind: 'coach', agent: '1001', text: '冒充组长' })).toThrow(/sent by a lead/);
    const forged = other.team.sign({ v: 1, kind: 'coach', agent: '1001', text: '冒充组长', at: clock.now });
    expect(carry(other, agent, { contentType: SIGNED_MESSAGE_TYPE, body: JSON.stringify(forged) })).toEqual({ code: 403, reason: '1002 is not a lead of 1001' });
    // a lead cannot coach a member who does not report to it, and a desk in no team cannot coach at all
    expect(() => admin.mail.seal({ kind: 'coach', agent: '1009', text: '你好' })).toThrow(/does not report to 1000/);
    expect(() => teamDesk(tempDir(), '1003').mail.seal({ kind: 'coach', agent: '1001', text: '你好' })).toThrow(/lead in a team/);
    expect(refusalsOf(agent)).toEqual(['403 1002 is not a lead of 1001', '403 replayed (claims 1000)']);
  });

  it('a desk in no team still takes unsigned escalations from the agents it lists', () => {
    const lead = teamDesk(tempDir(), '1005');
    const agent = teamDesk(tempDir(), '1001');
    lead.settings.update({ team: { role: 'lead', leads: [], agents: ['1001'], ackTimeoutSeconds: 60, presenceSeconds: 15 } });
    const e = agent.escalations.create({ reason: 'manual', note: '单机' });
    const sealed = agent.mail.seal({ kind: 'escalation', id: e.payload.id });
    expect(sealed.contentType).toBe(TEAM_MESSAGE_TYPE);
    expect(carry(agent, lead, sealed)).toMatchObject({ code: 200, effect: { kind: 'escalation', isNew: true } });
    expect(carry(agent, lead, sealed, '1002')).toEqual({ code: 403, reason: '1002 may not send escalation here' });
    expect(() => agent.mail.seal({ kind: 'presence', presence: { registered: true, status: 'ready', since: 0 } })).toThrow(/desks in a team/);
  });
});
