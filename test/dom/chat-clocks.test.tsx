import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage, Conversation } from '../../shared/chat';
import { watchReplyClocks } from '../../renderer/src/features/chat';
import { createAppStore } from '../../renderer/src/store';
import { fakeApi } from './fake-api';

// The reply clock of the online channel on the desk (issue 18, item 4), with the shipped policy
// (R-REPLY-3MIN: 3 minutes, amber for the last 60 s), on the store and the real ticker.
const conversation = (id: string, peer: string): Conversation => ({ id, peer, peerKind: 'zuoxi', visitId: null, openedAt: 0, closedAt: null });
const message = (conv: string, id: string, direction: 'in' | 'out', at: number): ChatMessage => ({ id, conv, direction, seq: 1, text: 'x', sentAt: at, storedAt: at, status: direction === 'in' ? 'received' : 'delivered', attempts: 0, lastCode: null });

async function desk() {
  const store = createAppStore({ api: fakeApi(), now: Date.now });
  await store.getState().loadSettings();
  const alerts: string[] = [];
  watchReplyClocks(store, (kind, peer) => alerts.push(`${kind}:${peer}`));
  return { store, alerts };
}

describe('the chat reply clock', () => {
  beforeEach(() => void vi.useFakeTimers({ now: 1_000_000, toFake: ['Date', 'setTimeout', 'clearTimeout'] }));
  afterEach(() => void vi.useRealTimers());

  it('alerts once when due soon and once when it runs out; a reply stops it', async () => {
    const { store, alerts } = await desk();
    const rule = store.getState().settings!.deadlinePolicy.rules.reply;
    expect(rule).toMatchObject({ duration: '3min', seed: 'R-REPLY-3MIN' });
    store.getState().chatMessage(message('conv-aaaa0001', 'm-in-000001', 'in', Date.now()), conversation('conv-aaaa0001', 'guest-a'));
    await vi.advanceTimersByTimeAsync(119_000);
    expect(alerts).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(alerts).toEqual(['due-soon:guest-a']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(alerts).toEqual(['due-soon:guest-a', 'breached:guest-a']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(alerts).toHaveLength(2);

    // answered, then the customer writes again: a new clock, with alerts of its own
    store.getState().chatMessage(message('conv-aaaa0001', 'm-out-00001', 'out', Date.now()));
    store.getState().chatMessage(message('conv-aaaa0001', 'm-in-000002', 'in', Date.now()));
    await vi.advanceTimersByTimeAsync(121_000);
    expect(alerts).toEqual(['due-soon:guest-a', 'breached:guest-a', 'due-soon:guest-a']);
  });

  it('keeps the same clocks and conversations while a waiting customer writes again (nothing re-renders for it)', async () => {
    const { store } = await desk();
    const c = conversation('conv-bbbb0001', 'guest-b');
    store.getState().chatMessage(message(c.id, 'm-in-000011', 'in', Date.now()), c);
    const [clocks, conversations] = [store.getState().chatClocks, store.getState().conversations];
    expect(clocks).toEqual([{ conv: c.id, peer: 'guest-b', clock: 'reply', startedAt: 1_000_000 }]);
    await vi.advanceTimersByTimeAsync(5_000);
    store.getState().chatMessage(message(c.id, 'm-in-000012', 'in', Date.now()), c);
    expect(store.getState().chatClocks).toBe(clocks);
    expect(store.getState().conversations).toBe(conversations);
    expect(store.getState().transcripts[c.id]).toHaveLength(2);
    // the reply moves the clocks: a new array
    store.getState().chatMessage(message(c.id, 'm-out-00013', 'out', Date.now()));
    expect(store.getState().chatClocks.map((x) => x.clock)).toEqual(['idle-prompt', 'idle-close']);
    expect(store.getState().repliesStored).toBe(1);
  });
});
