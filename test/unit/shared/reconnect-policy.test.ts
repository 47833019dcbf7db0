import { describe, expect, it } from 'vitest';
import { reconnectDelay } from '../../../shared/reconnect-policy';

describe('reconnect policy', () => {
  it('doubles from the base up to the cap', () => {
    const top = (attempt: number) => reconnectDelay(attempt, () => 1, { baseMs: 250, capMs: 4000 });
    expect([0, 1, 2, 3, 4, 5, 40].map(top)).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000]);
  });

  it('spreads delays over [half, full] so desks do not reconnect in lockstep', () => {
    expect(reconnectDelay(2, () => 0, { baseMs: 250, capMs: 4000 })).toBe(500);
    expect(reconnectDelay(2, () => 0.5, { baseMs: 250, capMs: 4000 })).toBe(750);
    expect(reconnectDelay(-3, () => 1, { baseMs: 250, capMs: 4000 })).toBe(250);
  });
});
