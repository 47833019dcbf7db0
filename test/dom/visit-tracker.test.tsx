import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallSnapshot } from '../../shared/softphone';
import { trackVisits } from '../../renderer/src/features/visits';
import { createAppStore } from '../../renderer/src/store';
import { fakeApi } from './fake-api';
import { ok } from '../../shared/result';

const ringing: CallSnapshot = { id: 'call-1', direction: 'inbound', remoteUser: '13800138000', phase: 'ringing', held: false, muted: false, startedAt: 1_000, iceRestarts: 0 };
const registration = { status: 'registered' as const };

function setup() {
  const api = fakeApi();
  api.visits.open.mockImplementation(async () => ok({ id: 7 }) as never);
  const store = createAppStore({ api, now: () => 0 });
  trackVisits(store, api);
  const phone = (calls: CallSnapshot[], lastEnded: CallSnapshot | null = null) => store.getState().setPhoneSnapshot({ registration, calls, lastEnded, dtmfReceived: {} });
  return { api, store, phone };
}

describe('visit tracker (every call is logged)', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('logs an answered call shortly after it connects, and shows its form', async () => {
    const { api, store, phone } = setup();
    phone([ringing]);
    phone([{ ...ringing, phase: 'connected', answeredAt: 3_000 }]);
    expect(api.visits.open).not.toHaveBeenCalled(); // not during call setup
    await vi.advanceTimersByTimeAsync(500);
    expect(api.visits.open).toHaveBeenCalledWith(expect.objectContaining({ direction: 'inbound', customerNumber: '13800138000', startedAt: 1_000, answeredAt: 3_000, callId: '1000-call-1' }));
    expect(store.getState().currentVisitId).toBe(7);
    phone([], { ...ringing, phase: 'ended', answeredAt: 3_000, endReason: 'remote-hangup' });
    await vi.advanceTimersByTimeAsync(500);
    expect(api.visits.open).toHaveBeenCalledTimes(1);
  });

  it('logs a missed call when it ends, without taking over the form', async () => {
    const { api, store, phone } = setup();
    phone([ringing]);
    phone([], { ...ringing, phase: 'ended', endReason: 'cancelled' });
    await vi.advanceTimersByTimeAsync(0);
    expect(api.visits.open).toHaveBeenCalledWith(expect.not.objectContaining({ answeredAt: expect.anything() }));
    expect(store.getState().currentVisitId).toBeNull();
  });

  it('skips parties that are not customer numbers', async () => {
    const { api, phone } = setup();
    phone([{ ...ringing, remoteUser: 'x' }]);
    phone([]);
    await vi.advanceTimersByTimeAsync(500);
    expect(api.visits.open).not.toHaveBeenCalled();
  });
});
