import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { presenceOf, publishDirectory, reportPresence, reportSummaries } from '../../renderer/src/features/team';
import { createAppStore } from '../../renderer/src/store';
import { ok } from '../../shared/result';
import type { TeamStatus } from '../../shared/team';
import type { Outgoing } from '../../shared/team-mail';
import { fakeApi } from './fake-api';

const status = (over: Partial<TeamStatus>): TeamStatus => ({ role: 'agent', user: '1001', teamId: 'hotline-a', company: '坐席电信', version: 3, members: 3, fingerprint: 'A', adminFingerprint: 'B', managed: [], ...over });

async function setup(team: Partial<TeamStatus>, answers: (to: string) => number = () => 200) {
  const api = fakeApi();
  api.team.status.mockImplementation(async () => ok(status(team)));
  api.team.members.mockImplementation(async () =>
    ok(['1000', '1001', '1002', '1003'].map((user) => ({ user, name: user, staffNo: '', role: 'agent' as const, team: 'hotline-a', leads: ['1000'], fingerprint: 'F', revoked: user === '1003' }))),
  );
  const store = createAppStore({ api, now: Date.now });
  await Promise.all([store.getState().loadSettings(), store.getState().loadTeam()]);
  const sent: { to: string; out: Outgoing }[] = [];
  const send = vi.fn(async (to: string, out: Outgoing) => (sent.push({ to, out }), answers(to)));
  return { api, store, send, sent };
}
const registered = { registration: { status: 'registered' as const }, calls: [], lastEnded: null, dtmfReceived: {} };

describe('presence and directory publishing (renderer side)', () => {
  beforeEach(() => void vi.useFakeTimers({ now: 1_000_000, toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] }));
  afterEach(() => void vi.useRealTimers());

  it('an agent desk tells each lead on every change and on each heartbeat, not in between', async () => {
    const { store, send, sent } = await setup({ role: 'agent' });
    await store.getState().updateSettings({ team: { role: 'agent', leads: ['1000', '1005'], agents: [], ackTimeoutSeconds: 60, presenceSeconds: 5 } });
    store.getState().setPhoneSnapshot(registered);
    const stop = reportPresence(store, send);
    expect(sent.map((s) => s.to)).toEqual(['1000', '1005']);
    expect(sent[0]!.out).toEqual({ kind: 'presence', presence: presenceOf(store.getState()) });
    await vi.advanceTimersByTimeAsync(4_000);
    expect(sent).toHaveLength(2);
    await store.getState().applyAgentEvent({ type: 'pause', reasonId: 'break' });
    expect(sent.at(-1)!.out).toMatchObject({ presence: { status: 'not-ready', reasonId: 'break' } });
    expect(sent).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(5_000); // the heartbeat restarts from the last report
    expect(sent).toHaveLength(6);
    stop();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(sent).toHaveLength(6);
  });

  it('a desk in no team sends no presence', async () => {
    const { store, send } = await setup({ role: null });
    store.getState().setPhoneSnapshot(registered);
    reportPresence(store, send)();
    expect(send).not.toHaveBeenCalled();
  });

  it('the admin desk sends a new version to every member but itself and the revoked, retries a miss, and answers a desk behind', async () => {
    const { api, store, send, sent } = await setup({ role: 'admin', user: '1000', version: 4 }, (to) => (to === '1002' ? 480 : 200));
    const live = publishDirectory(store, api, send);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => s.to).sort()).toEqual(['1001', '1002']);
    expect(store.getState().published).toEqual({ '1001': { version: 4, code: 200 }, '1002': { version: 4, code: 480 } });
    await vi.advanceTimersByTimeAsync(2_000); // the miss again, after the backoff
    expect(sent.map((s) => s.to).sort()).toEqual(['1001', '1002', '1002']);
    live.behind({ user: '1001', name: '1001', role: 'agent', receivedAt: 0, presence: { v: 1, kind: 'presence', registered: true, status: 'ready', since: 0, directoryVersion: 3, today: { calls: 0, talkSeconds: 0 } } });
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.at(-1)).toEqual({ to: '1001', out: { kind: 'directory' } });
    live.stop();
  });

  it('day summaries: the last week once the line is up, then today\'s after each wrap-up is logged and every ten minutes', async () => {
    const { store, send, sent } = await setup({ role: 'agent' });
    const stop = reportSummaries(store, send);
    expect(sent).toEqual([]); // the line is down
    store.getState().setPhoneSnapshot(registered);
    expect(sent.map((s) => s.out)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((daysAgo) => ({ kind: 'day-summary', daysAgo })));
    expect(new Set(sent.map((s) => s.to))).toEqual(new Set(['1005']));
    sent.length = 0;
    await store.getState().applyAgentEvent({ type: 'ring' });
    await store.getState().applyAgentEvent({ type: 'answer' });
    await store.getState().applyAgentEvent({ type: 'hangup' });
    expect(sent).toEqual([]);
    await store.getState().applyAgentEvent({ type: 'finishWrapUp' });
    expect(sent.map((s) => s.out)).toEqual([{ kind: 'day-summary', daysAgo: 0 }]);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(sent.map((s) => s.out).slice(1)).toEqual([
      { kind: 'day-summary', daysAgo: 0 },
      { kind: 'day-summary', daysAgo: 1 },
    ]);
    stop();
  });
});
