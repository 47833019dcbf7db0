/**
 * How long an inbound call may ring: answer within 15 s (R-ANSWER-15S), that is within 3 rings
 * (R-RING-3) of the Chinese ring cadence (1 s on, 4 s off: one ring every 5 s).
 * The deadline policy file (issue: deadlines) will supply these numbers; the shape stays.
 */
export interface RingPolicy {
  readonly answerWithinMs: number;
  readonly rings: number;
  /** From this much remaining time the countdown turns amber. */
  readonly dueSoonMs: number;
}

export const DEFAULT_RING_POLICY: RingPolicy = { answerWithinMs: 15_000, rings: 3, dueSoonMs: 5_000 };

export interface RingCountdown {
  readonly remainingMs: number;
  /** The ring now sounding, 1-based (can exceed `rings` once breached). */
  readonly ring: number;
  readonly level: 'ok' | 'due-soon' | 'breached';
}

export function ringCountdown(startedAt: number, now: number, policy: RingPolicy = DEFAULT_RING_POLICY): RingCountdown {
  const elapsed = Math.max(0, now - startedAt);
  const remainingMs = Math.max(0, policy.answerWithinMs - elapsed);
  const ringPeriod = policy.answerWithinMs / policy.rings;
  const ring = Math.floor(elapsed / ringPeriod) + 1;
  const level = elapsed >= policy.answerWithinMs ? 'breached' : remainingMs <= policy.dueSoonMs ? 'due-soon' : 'ok';
  return { remainingMs, ring, level };
}
