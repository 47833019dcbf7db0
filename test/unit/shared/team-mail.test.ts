import { describe, expect, it } from 'vitest';
import { maskNumber, rosterStatus, STALE_AFTER_BEATS, type Presence } from '../../../shared/team-mail';

const presence = (over: Partial<Presence> = {}): Presence => ({ v: 1, kind: 'presence', registered: true, status: 'ready', since: 0, directoryVersion: 3, today: { calls: 0, talkSeconds: 0 }, ...over });

describe('what the lead sees of a member', () => {
  it('masks a customer number to its first three and last four digits; short internal numbers stay', () => {
    expect(maskNumber('13800138000')).toBe('138****8000');
    expect(maskNumber('01012345678')).toBe('010****5678');
    expect(maskNumber('95588')).toBe('*5588');
    expect(maskNumber('1009')).toBe('1009');
  });

  it('turns stale after three heartbeats missed, then reads line, hold and state', () => {
    const at = 1_000_000;
    const beat = 2;
    expect(rosterStatus({ presence: null, receivedAt: null }, at, beat)).toBe('unknown');
    expect(rosterStatus({ presence: presence(), receivedAt: at }, at + STALE_AFTER_BEATS * beat * 1000, beat)).toBe('ready');
    expect(rosterStatus({ presence: presence(), receivedAt: at }, at + STALE_AFTER_BEATS * beat * 1000 + 1, beat)).toBe('stale');
    expect(rosterStatus({ presence: presence({ registered: false, status: 'on-call' }), receivedAt: at }, at, beat)).toBe('offline');
    const call = { direction: 'inbound' as const, number: '138****8000', since: at, held: true };
    expect(rosterStatus({ presence: presence({ status: 'on-call', call }), receivedAt: at }, at, beat)).toBe('held');
    expect(rosterStatus({ presence: presence({ status: 'on-call', call: { ...call, held: false } }), receivedAt: at }, at, beat)).toBe('on-call');
    expect(rosterStatus({ presence: presence({ status: 'wrap-up' }), receivedAt: at }, at, beat)).toBe('wrap-up');
  });
});
