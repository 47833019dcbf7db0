/**
 * How long an inbound call may ring: answer within 15 s (R-ANSWER-15S), that is within 3 rings
 * (R-RING-3) of the Chinese ring cadence (1 s on, 4 s off: one ring every 5 s).
 * The numbers come from the deadline policy's `ring` rule.
 */
import { durationMs, type DeadlineRule } from './deadlines.js';

export interface RingPolicy {
  readonly answerWithinMs: number;
  readonly rings: number;
  /** From this much remaining time the countdown turns amber. */
  readonly dueSoonMs: number;
}

/** R-RING-3: the answer limit is three rings long. */
export const RINGS = 3;

export function ringPolicy(rule: DeadlineRule): RingPolicy {
  return { answerWithinMs: durationMs(rule.duration), rings: RINGS, dueSoonMs: durationMs(rule.dueSoon) };
}

export interface RingCountdown {
  readonly remainingMs: number;
  /** The ring now sounding, 1-based (can exceed `rings` once breached). */
  readonly ring: number;
  readonly level: 'ok' | 'due-soon' | 'breached';
}

export function ringCountdown(startedAt: number, now: number, policy: RingPolicy): RingCountdown {
  const elapsed = Math.max(0, now - startedAt);
  const remainingMs = Math.max(0, policy.answerWithinMs - elapsed);
  const ringPeriod = policy.answerWithinMs / policy.rings;
  const ring = Math.floor(elapsed / ringPeriod) + 1;
  const level = elapsed >= policy.answerWithinMs ? 'breached' : remainingMs <= policy.dueSoonMs ? 'due-soon' : 'ok';
  return { remainingMs, ring, level };
}
