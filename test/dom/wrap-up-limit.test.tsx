import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchWrapUp } from '../../renderer/src/features/agent-state';
import { createAppStore } from '../../renderer/src/store';
import { fakeApi } from './fake-api';

async function deskInWrapUp(wrapUpEnd: { then: 'ready' | 'not-ready'; reasonId: string }) {
  const api = fakeApi();
  const store = createAppStore({ api, now: Date.now });
  await store.getState().loadSettings();
  store.setState({ settings: { ...store.getState().settings!, wrapUpEnd } });
  const alerts: string[] = [];
  watchWrapUp(store, { alert: (kind, then) => alerts.push(`${kind}:${then}`) });
  await store.getState().applyAgentEvent({ type: 'dial' });
  await store.getState().applyAgentEvent({ type: 'hangup' });
  expect(store.getState().agent.status).toBe('wrap-up');
  return { store, alerts };
}

describe('wrap-up limit (2 min, amber at 30 s left: the shipped policy)', () => {
  beforeEach(() => void vi.useFakeTimers({ now: 1_000_000, toFake: ['Date', 'setTimeout', 'clearTimeout'] }));
  afterEach(() => void vi.useRealTimers());

  it('alerts near the limit, then puts the desk back to Ready by itself', async () => {
    const { store, alerts } = await deskInWrapUp({ then: 'ready', reasonId: 'break' });
    await vi.advanceTimersByTimeAsync(89_000);
    expect(alerts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(alerts).toEqual(['due-soon:ready']);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(store.getState().agent).toEqual({ status: 'ready' });
    expect(alerts).toEqual(['due-soon:ready', 'ended:ready']);
  });

  it("or to NotReady with the policy's reason", async () => {
    const { store, alerts } = await deskInWrapUp({ then: 'not-ready', reasonId: 'meal' });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(store.getState().agent).toEqual({ status: 'not-ready', reasonId: 'meal' });
    expect(alerts.at(-1)).toBe('ended:not-ready');
  });

  it('does nothing when the agent finished wrap-up in time; a reason the desk does not know means Ready', async () => {
    const done = await deskInWrapUp({ then: 'not-ready', reasonId: 'meal' });
    await done.store.getState().applyAgentEvent({ type: 'finishWrapUp' });
    await vi.advanceTimersByTimeAsync(200_000);
    expect(done.alerts).toEqual([]);
    expect(done.store.getState().agent).toEqual({ status: 'ready' });

    const unknown = await deskInWrapUp({ then: 'not-ready', reasonId: 'gone' });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(unknown.store.getState().agent).toEqual({ status: 'ready' });
  });
});
