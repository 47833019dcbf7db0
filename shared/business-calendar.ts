/**
 * Business hours in a named time zone (IANA, e.g. Asia/Shanghai): which instants count toward a
 * deadline that runs in business hours only. Pure and computed from absolute timestamps (ms since
 * epoch) with the platform's time-zone data (Intl), so daylight-saving changes, midnights, holidays
 * and make-up working days (调休) are handled by the same walk over local days.
 */
import { z } from 'zod';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const BusinessHoursSchema = z
  .object({
    timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai'),
    /** Working weekdays, 0 = Sunday … 6 = Saturday. */
    days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
    open: z.string().regex(HHMM, 'HH:MM'),
    close: z.string().regex(HHMM, 'HH:MM'),
    /** Local dates that are not worked although their weekday is (public holidays). */
    holidays: z.array(z.string().regex(DATE, 'YYYY-MM-DD')).max(400),
    /** Local dates that are worked although their weekday is not (调休 make-up days). */
    workdays: z.array(z.string().regex(DATE, 'YYYY-MM-DD')).max(100),
  })
  .strict()
  .refine((b) => b.open < b.close, { message: 'close must be after open', path: ['close'] });
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;

interface LocalDate {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(tz, f);
  }
  return f;
}

/** The wall-clock fields of instant `t` in `tz`. */
function wallClock(t: number, tz: string): LocalDate & { h: number; min: number; s: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(t)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { y: parts.year!, m: parts.month!, d: parts.day!, h: parts.hour!, min: parts.minute!, s: parts.second! };
}

/** How far `tz` is ahead of UTC at instant `t`, ms. */
function offsetAt(t: number, tz: string): number {
  const w = wallClock(t, tz);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - Math.floor(t / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `tz` shows date `day`, `minutes` after midnight. Of the two
 * offsets in force around that day, the one that maps back to this wall time wins (the earlier
 * instant for a time that occurs twice in the fall-back hour); a time skipped by a spring-forward
 * change maps to the instant after the gap.
 */
export function zonedInstant(day: LocalDate, minutes: number, tz: string): number {
  const naive = Date.UTC(day.y, day.m - 1, day.d) + minutes * 60_000;
  const before = naive - offsetAt(naive - 86_400_000, tz);
  const after = naive - offsetAt(naive + 86_400_000, tz);
  const valid = [before, after].filter((t) => naive - offsetAt(t, tz) === t);
  return valid.length > 0 ? Math.min(...valid) : before;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const key = (d: LocalDate) => `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
const nextDay = (d: LocalDate): LocalDate => {
  const t = new Date(Date.UTC(d.y, d.m - 1, d.d + 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
};

export function isWorkingDay(day: LocalDate, hours: BusinessHours): boolean {
  const k = key(day);
  if (hours.workdays.includes(k)) return true;
  if (hours.holidays.includes(k)) return false;
  return hours.days.includes(new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay());
}

/** Day windows are asked for again and again (every clock spanning the same days): computed once. */
const windowCache = new Map<string, readonly [number, number]>();
function dayWindow(day: LocalDate, open: number, close: number, tz: string): readonly [number, number] {
  const k = `${tz}|${key(day)}|${open}|${close}`;
  let w = windowCache.get(k);
  if (!w) {
    if (windowCache.size >= 20_000) windowCache.clear();
    w = [zonedInstant(day, open, tz), zonedInstant(day, close, tz)] as const;
    windowCache.set(k, w);
  }
  return w;
}

/** A year of days without a working one means the calendar is unusable: stop instead of looping. */
const MAX_DAYS = 3660;

/** Business-hour windows [open, close) as instants, from the local day containing `from` onwards. */
function* windows(from: number, hours: BusinessHours): Generator<readonly [number, number]> {
  const w = wallClock(from, hours.timeZone);
  let day: LocalDate = { y: w.y, m: w.m, d: w.d };
  const open = minutesOf(hours.open);
  const close = minutesOf(hours.close);
  for (let i = 0, idle = 0; i < MAX_DAYS && idle < 400; i++, day = nextDay(day)) {
    if (!isWorkingDay(day, hours)) {
      idle++;
      continue;
    }
    idle = 0;
    yield dayWindow(day, open, close, hours.timeZone);
  }
  throw new RangeError('business calendar has no working day ahead');
}

/** Business time between two instants, ms (0 when `to` ≤ `from`). */
export function businessMsBetween(from: number, to: number, hours: BusinessHours): number {
  let total = 0;
  if (to <= from) return 0;
  for (const [open, close] of windows(from, hours)) {
    if (open >= to) break;
    total += Math.max(0, Math.min(close, to) - Math.max(open, from));
  }
  return total;
}

/** The instant at which `ms` of business time has passed since `from`. */
export function addBusinessMs(from: number, ms: number, hours: BusinessHours): number {
  let left = ms;
  for (const [open, close] of windows(from, hours)) {
    const start = Math.max(open, from);
    if (close <= start) continue;
    if (left <= close - start) return start + left;
    left -= close - start;
  }
  throw new RangeError('unreachable: windows() throws first');
}

/** The next business day's opening after the local day containing `from` (R-NEXT-DAY). */
export function nextBusinessOpening(from: number, hours: BusinessHours): number {
  const w = wallClock(from, hours.timeZone);
  const tomorrow = nextDay({ y: w.y, m: w.m, d: w.d });
  for (const [open] of windows(zonedInstant(tomorrow, 0, hours.timeZone), hours)) return open;
  throw new RangeError('unreachable: windows() throws first');
}
