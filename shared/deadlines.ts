/**
 * Deadlines (R-ANSWER-15S, R-RING-3, R-REPLY-3MIN, R-CLOSE-3-5, R-COMPLAINT-12-48, R-COMPLAINT-2-24,
 * R-ISSUE-24H, R-NEXT-DAY, R-FOLLOWUP-7D): the policy that names every clock, and a pure engine.
 *
 * A clock is four absolute timestamps and one sum (started, paused, done, paused time), so its state
 * at any instant is computed, never counted: a restart, a sleeping laptop or a slow tick changes
 * nothing. A clock that runs in business hours measures time with the policy's calendar; its paused
 * time is measured the same way, so the due instant is always `start + duration + paused` on that
 * measure and stays valid until the next pause or resume.
 */
import { z } from 'zod';
import { addBusinessMs, BusinessHoursSchema, businessMsBetween, nextBusinessOpening, type BusinessHours } from './business-calendar.js';

const UNIT_MS = { s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** "15s", "3min", "12h", "7d". */
export const DurationSchema = z.string().regex(/^[1-9]\d{0,4}(s|min|h|d)$/, 'a duration such as 15s, 3min, 12h or 7d');

export function durationMs(text: string): number {
  const m = /^(\d+)(s|min|h|d)$/.exec(text);
  if (!m) throw new RangeError(`not a duration: ${text}`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

/** What the clocks are kept for. Call clocks live with the call; visit clocks are stored with the visit. */
export const CALL_CLOCKS = ['ring', 'hold', 'wrap-up', 'reply', 'idle-prompt', 'idle-close'] as const;
export const VISIT_CLOCKS = [
  'complaint-reply',
  'complaint-resolve',
  'complaint-answer-simple',
  'complaint-answer-complex',
  'issue-resolve',
  'next-day',
  'follow-up',
  'department-event',
] as const;
export type CallClock = (typeof CALL_CLOCKS)[number];
export type VisitClock = (typeof VISIT_CLOCKS)[number];
export type ClockId = CallClock | VisitClock;

/** What pauses a clock: the call on hold, or the agent marking that the customer owes an answer. */
export const PAUSE_CAUSES = ['hold', 'customer-wait'] as const;
export const BREACH_ACTIONS = ['notify', 'escalate'] as const;

export const DeadlineRuleSchema = z
  .object({
    /** The seed rule the numbers come from; null for the company's own limits (hold, wrap-up). */
    seed: z.string().regex(/^R-[A-Z0-9-]+$/).nullable(),
    /**
     * How long: a duration, "next-business-day" (the next working morning's opening) or "given"
     * (the due time is set when the clock starts, e.g. what a department promised).
     */
    duration: z.union([DurationSchema, z.literal('next-business-day'), z.literal('given')]),
    /** Amber from this much time left. */
    dueSoon: DurationSchema,
    businessHours: z.boolean(),
    pauseOn: z.array(z.enum(PAUSE_CAUSES)).max(2),
    onBreach: z.array(z.enum(BREACH_ACTIONS)).max(2),
  })
  .strict();
export type DeadlineRule = z.infer<typeof DeadlineRuleSchema>;

const RulesSchema = z.object(Object.fromEntries([...CALL_CLOCKS, ...VISIT_CLOCKS].map((id) => [id, DeadlineRuleSchema])) as Record<ClockId, typeof DeadlineRuleSchema>).strict();

export const DeadlinePolicySchema = z
  .object({
    version: z.literal(1),
    businessHours: BusinessHoursSchema,
    rules: RulesSchema,
  })
  .strict()
  .superRefine((p, ctx) => {
    for (const id of CALL_CLOCKS) {
      const rule = p.rules[id];
      if (rule.duration === 'given' || rule.duration === 'next-business-day')
        ctx.addIssue({ code: 'custom', path: ['rules', id, 'duration'], message: 'a call clock needs a fixed duration' });
    }
  });
export type DeadlinePolicy = z.infer<typeof DeadlinePolicySchema>;

/** The stored state of one clock. `pausedMs` is measured like the clock (business ms when it runs in business hours). */
export interface Clock {
  readonly startedAt: number;
  readonly durationMs: number;
  readonly businessHours: boolean;
  readonly pausedAt: number | null;
  readonly pausedMs: number;
  readonly doneAt: number | null;
}

export type DeadlineLevel = 'ok' | 'due-soon' | 'breached' | 'paused' | 'done';

export interface ClockStatus {
  readonly level: DeadlineLevel;
  /** Time left on the clock's measure (negative once breached), ms. */
  readonly remainingMs: number;
  /** When it is (or was) due; null while paused or done. */
  readonly dueAt: number | null;
}

/** A new clock for `rule`, started at `now` (`givenDueAt` for a "given" rule). */
export function startClock(rule: DeadlineRule, now: number, hours: BusinessHours, givenDueAt?: number): Clock {
  let ms: number;
  if (rule.duration === 'given') {
    if (givenDueAt === undefined) throw new RangeError('this rule needs a due time');
    ms = Math.max(0, givenDueAt - now);
  } else if (rule.duration === 'next-business-day') ms = nextBusinessOpening(now, hours) - now;
  else ms = durationMs(rule.duration);
  // fixed due instants are wall-clock by nature: the calendar only decides where they fall
  const businessHours = rule.businessHours && rule.duration !== 'given' && rule.duration !== 'next-business-day';
  return { startedAt: now, durationMs: ms, businessHours, pausedAt: null, pausedMs: 0, doneAt: null };
}

const measure = (clock: Clock, from: number, to: number, hours: BusinessHours) =>
  clock.businessHours ? businessMsBetween(from, to, hours) : Math.max(0, to - from);

/** When a running clock turns amber and red: fixed until it is paused or resumed, so a tick only compares. */
export interface Schedule {
  readonly soonAt: number;
  readonly dueAt: number;
}

export function schedule(clock: Clock, dueSoonMs: number, hours: BusinessHours): Schedule | null {
  if (clock.doneAt !== null || clock.pausedAt !== null) return null;
  const span = clock.durationMs + clock.pausedMs;
  const at = (ms: number) => (clock.businessHours ? addBusinessMs(clock.startedAt, Math.max(0, ms), hours) : clock.startedAt + Math.max(0, ms));
  return { soonAt: at(span - dueSoonMs), dueAt: at(span) };
}

export function levelAt(s: Schedule, now: number): 'ok' | 'due-soon' | 'breached' {
  return now >= s.dueAt ? 'breached' : now >= s.soonAt ? 'due-soon' : 'ok';
}

/** Time left on the clock's own measure (business ms for a business-hours clock), negative once breached. */
export function remainingMs(clock: Clock, now: number, hours: BusinessHours): number {
  const until = clock.doneAt ?? clock.pausedAt ?? now;
  return clock.durationMs - (measure(clock, clock.startedAt, until, hours) - clock.pausedMs);
}

export function clockStatus(clock: Clock, now: number, dueSoonMs: number, hours: BusinessHours): ClockStatus {
  const s = schedule(clock, dueSoonMs, hours);
  const left = remainingMs(clock, now, hours);
  if (!s) return { level: clock.doneAt !== null ? 'done' : 'paused', remainingMs: left, dueAt: null };
  return { level: levelAt(s, now), remainingMs: left, dueAt: s.dueAt };
}

export function pauseClock(clock: Clock, now: number): Clock {
  return clock.pausedAt !== null || clock.doneAt !== null ? clock : { ...clock, pausedAt: now };
}

export function resumeClock(clock: Clock, now: number, hours: BusinessHours): Clock {
  if (clock.pausedAt === null || clock.doneAt !== null) return clock;
  return { ...clock, pausedAt: null, pausedMs: clock.pausedMs + measure(clock, clock.pausedAt, now, hours) };
}

/** Done: a paused clock is resumed first, so its paused time is settled. */
export function completeClock(clock: Clock, now: number, hours: BusinessHours): Clock {
  if (clock.doneAt !== null) return clock;
  return { ...resumeClock(clock, now, hours), doneAt: now };
}

/** How a running clock reads on screen: "12s", "2:59", "11h 58min", "6d 23h"; breached ones count up with a minus. */
export function formatRemaining(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const s = Math.ceil(Math.abs(ms) / 1000);
  if (s < 60) return `${sign}${s}s`;
  if (s < 3600) return `${sign}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  const h = Math.floor(s / 3600);
  if (h < 48) return `${sign}${h}h ${Math.floor((s % 3600) / 60)}min`;
  return `${sign}${Math.floor(h / 24)}d ${h % 24}h`;
}
