import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TeamChannel } from '../../renderer/src/features/escalation';
import type { Outgoing } from '../../shared/team-mail';
import { createAppStore } from '../../renderer/src/store';
import type { Escalation } from '../../shared/escalation';
import { ok } from '../../shared/result';
import { fakeApi } from './fake-api';

/** The escalation rows as the main side keeps them, in memory (the SQLite side is unit-tested). */
function setup(answers: (to: string) => number) {
  const api = fakeApi();
  const rows = new Map<string, Escalation>();
  const put = (e: Escalation) => (rows.set(e.payload.id, e), e);
  Object.assign(api, {
    escalations: {
      list: vi.fn(async () => ok([...rows.values()])),
      create: vi.fn(async () =>
        ok(put({ payload: { v: 1, kind: 'escalation', id: `esc-${rows.size + 1}-aaaa`, agent: '1001', createdAt: Date.now(), reason: 'manual', words: [], note: '' }, direction: 'out', status: 'queued', peer: '', attempts: 0, deliveredAt: null, acknowledgedAt: null, resolvedAt: null, leadNote: '', updatedAt: 0 })),
      ),
      attempted: vi.fn(async ({ id, to, code }: { id: string; to: string; code: number }) => {
        const e = rows.get(id)!;
        return ok(put({ ...e, peer: to, attempts: e.attempts + 1, status: code === 200 && e.status === 'queued' ? 'delivered' : e.status }));
      }),
    },
  });
  const store = createAppStore({ api, now: Date.now });
  const sent: string[] = [];
  const channel = new TeamChannel(store, api, async (to) => (sent.push(to), answers(to)));
  return { api, store, channel, sent, rows };
}

describe('team channel (escalation delivery)', () => {
  beforeEach(() => void vi.useFakeTimers({ now: 1_000_000, toFake: ['Date', 'setTimeout', 'clearTimeout'] }));
  afterEach(() => void vi.useRealTimers());

  it('retries the primary lead with backoff, then moves to the backup once the timeout passes unacknowledged', async () => {
    const { store, channel, sent, rows } = setup((to) => (to === '1006' ? 200 : 404));
    await store.getState().loadSettings();
    await store.getState().updateSettings({ team: { role: 'agent', leads: ['1005', '1006'], agents: [], ackTimeoutSeconds: 10, presenceSeconds: 15 } });
    await channel.start();
    await channel.escalate({ reason: 'manual' });
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(['1005']);
    await vi.advanceTimersByTimeAsync(2_000 + 4_000); // 2 s, then 4 s backoff
    expect(sent).toEqual(['1005', '1005', '1005']);
    await vi.advanceTimersByTimeAsync(4_000); // 10 s without a delivery: the backup
    expect(sent.at(-1)).toBe('1006');
    expect([...rows.values()][0]).toMatchObject({ status: 'delivered', peer: '1006' });
    await vi.advanceTimersByTimeAsync(9_000);
    expect(sent.at(-1)).toBe('1006'); // delivered: waits for the acknowledgement, no resend yet
    const count = sent.length;
    await vi.advanceTimersByTimeAsync(1_000); // unacknowledged at the backup too: round to the primary
    expect(sent.slice(count)).toEqual(['1005']);
  });

  it('resumes an unacknowledged escalation after a restart, and retries at once when the line is back', async () => {
    let up = false;
    const { store, channel, sent, api } = setup(() => (up ? 200 : 503));
    await store.getState().loadSettings();
    await store.getState().updateSettings({ team: { role: 'agent', leads: ['1005'], agents: [], ackTimeoutSeconds: 600, presenceSeconds: 15 } });
    await api.escalations.create({ reason: 'manual' }); // left queued by a previous session
    await channel.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(['1005']);
    up = true;
    store.getState().setPhoneSnapshot({ registration: { status: 'registered' }, calls: [], lastEnded: null, dtmfReceived: {} });
    await vi.advanceTimersByTimeAsync(0); // not the 2 s backoff: at once
    expect(sent).toEqual(['1005', '1005']);
  });

  it('a lost acknowledgement is sent again when the agent\'s desk delivers the escalation again', async () => {
    const api = fakeApi();
    const payload = { v: 1 as const, kind: 'escalation' as const, id: 'esc-1-aaaa', agent: '1001', createdAt: 1_000, reason: 'manual' as const, words: [], note: '' };
    const escalation: Escalation = { payload, direction: 'in', status: 'acknowledged', peer: '1001', attempts: 0, deliveredAt: 2_000, acknowledgedAt: 5_000, resolvedAt: null, leadNote: '', updatedAt: 5_000 };
    Object.assign(api, { escalations: { list: vi.fn(async () => ok([])) } });
    const store = createAppStore({ api, now: Date.now });
    const sent: { to: string; out: Outgoing }[] = [];
    const announce = vi.fn();
    const channel = new TeamChannel(store, api, async (to, out) => (sent.push({ to, out }), 200), announce);
    await channel.start();
    channel.received({ kind: 'escalation', escalation, isNew: false, ackAgain: true }, '1001');
    await vi.advanceTimersByTimeAsync(0);
    expect(announce).not.toHaveBeenCalled(); // not a new item in the inbox
    expect(sent).toEqual([{ to: '1001', out: { kind: 'ack', id: 'esc-1-aaaa' } }]);
    channel.received({ kind: 'escalation', escalation: { ...escalation, status: 'delivered' }, isNew: true, ackAgain: false }, '1001');
    expect(announce).toHaveBeenCalledOnce();
  });
});
