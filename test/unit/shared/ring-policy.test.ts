import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeadlinePolicySchema } from '../../../shared/deadlines';
import { ringCountdown, ringPolicy } from '../../../shared/ring-policy';

const policy = ringPolicy(DeadlinePolicySchema.parse(JSON.parse(readFileSync(join(__dirname, '../../../resources/policies/default.json'), 'utf8'))).rules.ring);

describe('ring countdown (R-ANSWER-15S, R-RING-3)', () => {
  const at = (ms: number) => ringCountdown(1_000, 1_000 + ms, policy);

  it('counts 15 s down over three 5 s rings', () => {
    expect(policy).toEqual({ answerWithinMs: 15_000, rings: 3, dueSoonMs: 5_000 });
    expect(at(0)).toEqual({ remainingMs: 15_000, ring: 1, level: 'ok' });
    expect(at(4_999).ring).toBe(1);
    expect(at(5_000).ring).toBe(2);
    expect(at(10_000)).toEqual({ remainingMs: 5_000, ring: 3, level: 'due-soon' });
  });

  it('turns amber in the last 5 s and red at 15 s, never negative', () => {
    expect(at(9_999).level).toBe('ok');
    expect(at(14_999).level).toBe('due-soon');
    expect(at(15_000)).toEqual({ remainingMs: 0, ring: 4, level: 'breached' });
    expect(at(60_000).remainingMs).toBe(0);
  });

  it('treats a clock before the start (skew) as the start', () => {
    expect(ringCountdown(5_000, 4_000, policy)).toEqual({ remainingMs: 15_000, ring: 1, level: 'ok' });
  });
});
