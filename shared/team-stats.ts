/**
 * Team statistics for the lead (issue 16, item 6; R-STATS-WEEKLY): every member desk sends its
 * leads a signed summary of each day — counts and durations only; the customers' records stay on
 * the agent's desk — and the lead's desk adds them up per agent and for the team, week by week.
 */
import { z } from 'zod';

/** A local calendar day of the sending desk, `YYYY-MM-DD`. */
export const DaySchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a day YYYY-MM-DD');

const count = z.number().int().min(0).max(1_000_000);
const totalMs = z.number().int().min(0).max(366 * 86_400_000);
const PeriodTotalSchema = z.object({ count, totalMs }).strict();

/** What one desk did in one day. */
export const DayFiguresSchema = z
  .object({
    visits: count,
    /** Inbound calls, answered, and answered within 15 s (R-ANSWER-15S, R-ANSWER-RATE). */
    inbound: z.object({ total: count, answered: count, answeredWithin15s: count }).strict(),
    /** Answered calls with an end, and their talk time. */
    handle: PeriodTotalSchema,
    wrapUp: PeriodTotalSchema,
    complaints: count,
    /** Replies kept despite a high-severity compliance finding. */
    overrides: count,
    escalations: count,
    /** Deadline clocks that breached. */
    breaches: count,
    /**
     * The online replies the agent typed (R-TYPING-30, issue 18 item 7): how many, their characters
     * and the time spent typing them. A summary from a desk before the chat channel has none.
     */
    typing: z.object({ replies: count, chars: count, typingMs: totalMs }).strict().default({ replies: 0, chars: 0, typingMs: 0 }),
  })
  .strict();
export type DayFigures = z.infer<typeof DayFiguresSchema>;

export const DaySummarySchema = DayFiguresSchema.extend({ v: z.literal(1), kind: z.literal('day-summary'), day: DaySchema }).strict();
export type DaySummary = z.infer<typeof DaySummarySchema>;

/** How many days back a desk may be asked to summarise (a desk that was away catches up on a week). */
export const SUMMARY_DAYS_BACK = 7;

export const ZERO_FIGURES: DayFigures = {
  visits: 0,
  inbound: { total: 0, answered: 0, answeredWithin15s: 0 },
  handle: { count: 0, totalMs: 0 },
  wrapUp: { count: 0, totalMs: 0 },
  complaints: 0,
  overrides: 0,
  escalations: 0,
  breaches: 0,
  typing: { replies: 0, chars: 0, typingMs: 0 },
};

/** The sum of several days or agents. */
export function addFigures(list: readonly DayFigures[]): DayFigures {
  return list.reduce<DayFigures>(
    (a, b) => ({
      visits: a.visits + b.visits,
      inbound: { total: a.inbound.total + b.inbound.total, answered: a.inbound.answered + b.inbound.answered, answeredWithin15s: a.inbound.answeredWithin15s + b.inbound.answeredWithin15s },
      handle: { count: a.handle.count + b.handle.count, totalMs: a.handle.totalMs + b.handle.totalMs },
      wrapUp: { count: a.wrapUp.count + b.wrapUp.count, totalMs: a.wrapUp.totalMs + b.wrapUp.totalMs },
      complaints: a.complaints + b.complaints,
      overrides: a.overrides + b.overrides,
      escalations: a.escalations + b.escalations,
      breaches: a.breaches + b.breaches,
      typing: { replies: a.typing.replies + b.typing.replies, chars: a.typing.chars + b.typing.chars, typingMs: a.typing.typingMs + b.typing.typingMs },
    }),
    ZERO_FIGURES,
  );
}

/** The day `n` days after `day` (calendar arithmetic only, no time zone). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The seven days of the week that starts on `monday`. */
export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The Monday of the week a day falls in. */
export function mondayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/** One agent's week on the lead's desk: the days its desk reported, and their sum. */
export interface AgentWeek {
  readonly user: string;
  readonly name: string;
  readonly daysReported: readonly string[];
  readonly figures: DayFigures;
}

export interface TeamWeek {
  readonly monday: string;
  readonly agents: readonly AgentWeek[];
  readonly team: DayFigures;
}
