import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallSnapshot } from '../../shared/softphone';
import { trackVisits } from '../../renderer/src/features/visits';
import { createAppStore } from '../../renderer/src/store';
import { fakeApi } from './fake-api';
import { ok } from '../../shared/result';

const ringing: CallSnapshot = { id: 'call-1', direction: 'inbound', remoteUser: '13800138000', phase: 'ringing', held: false, muted: false, startedAt: 1_000, iceRestarts: 0, role: 'customer' };
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

  it('writes the end of an answered call to its visit when it ends, through the app\'s own path', async () => {
    const { api, phone } = setup();
    api.visits.callEnded.mockImplementation(async () => ok({ id: 7 }) as never);
    phone([ringing]);
    phone([{ ...ringing, phase: 'connected', answeredAt: 3_000 }]);
    await vi.advanceTimersByTimeAsync(500);
    expect(api.visits.open).toHaveBeenCalledWith(expect.not.objectContaining({ endedAt: expect.anything() }));
    phone([], { ...ringing, phase: 'ended', answeredAt: 3_000, endedAt: 9_000, endReason: 'remote-hangup' });
    await vi.advanceTimersByTimeAsync(0);
    expect(api.visits.callEnded).toHaveBeenCalledWith({ id: 7, endedAt: 9_000 });
  });

  it('a call that ends before its visit is opened is logged with its end, and its form shown', async () => {
    const { api, store, phone } = setup();
    phone([ringing]);
    phone([{ ...ringing, phase: 'connected', answeredAt: 3_000 }]);
    phone([], { ...ringing, phase: 'ended', answeredAt: 3_000, endedAt: 3_200, endReason: 'remote-hangup' });
    await vi.advanceTimersByTimeAsync(500);
    expect(api.visits.open).toHaveBeenCalledTimes(1);
    expect(api.visits.open).toHaveBeenCalledWith(expect.objectContaining({ answeredAt: 3_000, endedAt: 3_200 }));
    expect(store.getState().currentVisitId).toBe(7);
  });

  it('logs a missed call with its end time', async () => {
    const { api, phone } = setup();
    phone([ringing]);
    phone([], { ...ringing, phase: 'ended', endedAt: 5_000, endReason: 'cancelled' });
    await vi.advanceTimersByTimeAsync(0);
    expect(api.visits.open).toHaveBeenCalledWith(expect.objectContaining({ endedAt: 5_000 }));
  });

  it('keeps internal calls out of the visit log: consult legs, team members, the internal-number pattern', async () => {
    const { api, store, phone } = setup();
    await store.getState().loadSettings();
    store.setState({ settings: { ...store.getState().settings!, callPolicy: { refer: 'refuse', internalNumbers: '8[0-9]{3}' } } });
    const calls: CallSnapshot[] = [
      { ...ringing, id: 'call-2', direction: 'outbound', remoteUser: '13900000000', role: 'consult' },
      { ...ringing, id: 'call-3', remoteUser: '1005' }, // the team lead (fake settings)
      { ...ringing, id: 'call-4', remoteUser: '8001' },
    ];
    for (const c of calls) {
      phone([{ ...c, phase: 'connected', answeredAt: 2_000 }]);
      await vi.advanceTimersByTimeAsync(500);
      phone([], { ...c, phase: 'ended', answeredAt: 2_000, endedAt: 4_000, endReason: 'remote-hangup' });
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(api.visits.open).not.toHaveBeenCalled();
    // a customer still is
    phone([{ ...ringing, id: 'call-5', phase: 'connected', answeredAt: 2_000 }]);
    await vi.advanceTimersByTimeAsync(500);
    expect(api.visits.open).toHaveBeenCalledTimes(1);
  });
});
