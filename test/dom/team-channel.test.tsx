import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TeamChannel } from '../../renderer/src/features/escalation';
import type { SoftphoneController } from '../../renderer/src/features/softphone';
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
      refused: vi.fn(async () => ok(null)),
    },
  });
  const store = createAppStore({ api, now: Date.now });
  const sent: string[] = [];
  const phone = {
    onTeamMessage: () => () => {},
    sendTeamMessage: vi.fn(async (to: string) => (sent.push(to), answers(to))),
  } as unknown as SoftphoneController;
  const channel = new TeamChannel(store, api, phone);
  return { api, store, channel, sent, rows };
}

describe('team channel (escalation delivery)', () => {
  beforeEach(() => void vi.useFakeTimers({ now: 1_000_000, toFake: ['Date', 'setTimeout', 'clearTimeout'] }));
  afterEach(() => void vi.useRealTimers());

  it('retries the primary lead with backoff, then moves to the backup once the timeout passes unacknowledged', async () => {
    const { store, channel, sent, rows } = setup((to) => (to === '1006' ? 200 : 404));
    await store.getState().loadSettings();
    await store.getState().updateSettings({ team: { role: 'agent', leads: ['1005', '1006'], agents: [], ackTimeoutSeconds: 10 } });
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
    await store.getState().updateSettings({ team: { role: 'agent', leads: ['1005'], agents: [], ackTimeoutSeconds: 600 } });
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
    const ack = { v: 1 as const, kind: 'escalation-ack' as const, id: 'esc-1-aaaa', status: 'acknowledged' as const, by: '1005', at: 5_000 };
    const payload = { v: 1 as const, kind: 'escalation' as const, id: 'esc-1-aaaa', agent: '1001', createdAt: 1_000, reason: 'manual' as const, words: [], note: '' };
    const escalation: Escalation = { payload, direction: 'in', status: 'acknowledged', peer: '1001', attempts: 0, deliveredAt: 2_000, acknowledgedAt: 5_000, resolvedAt: null, leadNote: '', updatedAt: 5_000 };
    Object.assign(api, { escalations: { receive: vi.fn(async () => ok({ escalation, isNew: false, ack })), list: vi.fn(async () => ok([])), refused: vi.fn() } });
    const store = createAppStore({ api, now: Date.now });
    await store.getState().loadSettings();
    await store.getState().updateSettings({ team: { role: 'lead', leads: [], agents: ['1001'], ackTimeoutSeconds: 60 } });
    let deliver: ((m: { from: string; contentType: string; body: string; respond: (code: number) => void }) => void) | undefined;
    const sent: { to: string; body: string }[] = [];
    const phone = {
      onTeamMessage: (l: typeof deliver) => ((deliver = l), () => {}),
      sendTeamMessage: vi.fn(async (to: string, _type: string, body: string) => (sent.push({ to, body }), 200)),
    } as unknown as SoftphoneController;
    const announce = vi.fn();
    await new TeamChannel(store, api, phone, announce).start();
    const codes: number[] = [];
    deliver!({ from: '1001', contentType: 'application/vnd.zuoxi.team+json', body: JSON.stringify(payload), respond: (c) => codes.push(c) });
    await vi.advanceTimersByTimeAsync(0);
    expect(codes).toEqual([200]);
    expect(announce).not.toHaveBeenCalled(); // not a new item in the inbox
    expect(sent).toEqual([{ to: '1001', body: JSON.stringify(ack) }]);
  });
});
