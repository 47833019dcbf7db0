import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir';
import { clock, smallTeam, teamDesk, type TeamDesk } from '../helpers/team-desks';

const tempDir = useTempDirs();
const call = { number: '138****8000', since: clock.now - 60_000 };
const reasons = (d: TeamDesk) => d.escalations.refusals().map((r) => r.reason);

describe('monitoring is authorised by the lead\'s signature, judged on the agent\'s desk', () => {
  it('lets the agent\'s own lead in, once per request, in the modes the team allows, and says whether to show it', () => {
    const { admin, agents } = smallTeam(tempDir);
    const agent = agents[0]!;
    const token = admin.monitor.token({ agent: '1001', mode: 'listen', call });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(agent.monitor.authorize('1000', token)).toEqual({ ok: true, mode: 'listen', call, lead: { user: '1000', name: '张主管' }, disclosed: true });
    expect(agent.monitor.authorize('1000', token)).toEqual({ ok: false, reason: 'replayed (claims 1000)' });

    // the company hides silent listening and forbids barge: published, taken by the agent's desk
    admin.settings.update({ monitoring: { ...admin.settings.get().monitoring, modes: ['listen', 'whisper'], discloseListen: false } });
    admin.team.policiesChanged();
    agent.team.receiveDirectory(admin.team.signedDirectory()!, 'sip:1000');
    expect(agent.monitor.authorize('1000', admin.monitor.token({ agent: '1001', mode: 'listen', call }))).toMatchObject({ ok: true, disclosed: false });
    expect(agent.monitor.authorize('1000', admin.monitor.token({ agent: '1001', mode: 'whisper', call }))).toMatchObject({ ok: true, disclosed: true });
    expect(agent.monitor.authorize('1000', admin.monitor.token({ agent: '1001', mode: 'barge', call }))).toEqual({ ok: false, reason: 'mode-not-allowed (1000)' });
    // the agent's desk cannot change that policy
    expect(() => agent.team.guardSettings({ monitoring: { ...agent.settings.get().monitoring, modes: ['listen', 'whisper', 'barge'] } }, '1001')).toThrow(/managed by your team: monitoring/);
  });

  it('refuses everyone else with the reason kept as a security event: no header, forged, expired, another lead, an agent, the wrong desk', () => {
    const { admin, agents } = smallTeam(tempDir);
    const [agent, other] = agents as [TeamDesk, TeamDesk];
    // a lead of another group in the same team: 1001 is not in its charge
    const otherLead = teamDesk(tempDir(), '1003');
    admin.team.addMember(otherLead.team.joinRequest({ user: '1003', name: '李组长', staffNo: '' }), { role: 'lead', team: 'hotline-b', leads: [] });
    otherLead.team.join(JSON.parse(JSON.stringify(admin.team.provisioning())));
    agent.team.receiveDirectory(admin.team.signedDirectory()!, 'sip:1000');

    expect(agent.monitor.authorize('1000', '')).toEqual({ ok: false, reason: 'malformed' });
    const good = admin.monitor.token({ agent: '1001', mode: 'listen', call });
    const signed = JSON.parse(Buffer.from(good, 'base64url').toString()) as { body: string; sig: string };
    const raised = Buffer.from(JSON.stringify({ body: signed.body.replace('"listen"', '"barge"'), sig: signed.sig })).toString('base64url');
    expect(agent.monitor.authorize('1000', raised)).toEqual({ ok: false, reason: 'bad-signature (claims 1000)' });
    clock.now -= 10 * 60_000;
    const old = admin.monitor.token({ agent: '1001', mode: 'listen', call });
    clock.now += 10 * 60_000;
    expect(agent.monitor.authorize('1000', old)).toEqual({ ok: false, reason: 'stale (claims 1000)' });
    expect(agent.monitor.authorize('1003', otherLead.monitor.token({ agent: '1001', mode: 'listen', call }))).toEqual({ ok: false, reason: 'not-my-lead (1003)' });
    expect(() => other.monitor.token({ agent: '1001', mode: 'listen', call })).toThrow(/only a lead/);
    expect(agent.monitor.authorize('1000', admin.monitor.token({ agent: '1002', mode: 'listen', call }))).toEqual({ ok: false, reason: 'not-for-me (1000)' });
    // the PBX's From must be the signer
    expect(agent.monitor.authorize('1002', admin.monitor.token({ agent: '1001', mode: 'listen', call }))).toEqual({ ok: false, reason: 'sender-mismatch (claims 1000)' });
    // a desk in no team is never monitored
    expect(teamDesk(tempDir(), '1009').monitor.authorize('1000', good)).toEqual({ ok: false, reason: 'this desk is in no team' });
    expect(reasons(agent)).toHaveLength(6);
    expect(reasons(agent).every((r) => r.startsWith('monitoring refused: '))).toBe(true);
  });
});
