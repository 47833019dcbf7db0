import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addBusinessMs, businessMsBetween, nextBusinessOpening, type BusinessHours } from '../../../shared/business-calendar';
import {
  CALL_CLOCKS,
  clockStatus,
  completeClock,
  DeadlinePolicySchema,
  durationMs,
  formatRemaining,
  pauseClock,
  resumeClock,
  schedule,
  startClock,
  VISIT_CLOCKS,
  type Clock,
  type DeadlineRule,
} from '../../../shared/deadlines';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const policy = DeadlinePolicySchema.parse(JSON.parse(readFileSync(join(__dirname, '../../../resources/policies/default.json'), 'utf8')));
const shanghai = policy.businessHours; // Mon–Fri 09:00–18:00 Asia/Shanghai
/** Beijing wall time (UTC+8, no DST) as an instant. */
const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 8, min);
const rule = (over: Partial<DeadlineRule>): DeadlineRule => ({ seed: null, duration: '1h', dueSoon: '10min', businessHours: false, pauseOn: [], onBreach: ['notify'], ...over });

describe('the shipped policy', () => {
  it('names every call and visit clock with its seed rule and numbers', () => {
    expect(Object.keys(policy.rules).sort()).toEqual([...CALL_CLOCKS, ...VISIT_CLOCKS].sort());
    const numbers = Object.fromEntries(Object.entries(policy.rules).map(([id, r]) => [id, `${r.seed ?? '-'} ${r.duration}`]));
    expect(numbers).toEqual({
      ring: 'R-ANSWER-15S 15s',
      hold: '- 60s',
      'wrap-up': '- 2min',
      reply: 'R-REPLY-3MIN 3min',
      'idle-prompt': 'R-CLOSE-3-5 3min',
      'idle-close': 'R-CLOSE-3-5 5min',
      'complaint-reply': 'R-COMPLAINT-12-48 12h',
      'complaint-resolve': 'R-COMPLAINT-12-48 48h',
      'complaint-answer-simple': 'R-COMPLAINT-2-24 2h',
      'complaint-answer-complex': 'R-COMPLAINT-2-24 24h',
      'issue-resolve': 'R-ISSUE-24H 24h',
      'next-day': 'R-NEXT-DAY next-business-day',
      'follow-up': 'R-FOLLOWUP-7D 7d',
      'department-event': 'R-EVENT given',
    });
  });

  it('refuses a broken policy with the path of each problem', () => {
    const bad = structuredClone(policy) as unknown as { rules: Record<string, Record<string, unknown>>; businessHours: Record<string, unknown> };
    bad.rules.ring!.duration = 'given';
    bad.rules.hold!.dueSoon = '5 minutes';
    bad.businessHours.timeZone = 'Mars/Olympus';
    bad.businessHours.close = '8am';
    const issues = DeadlinePolicySchema.safeParse(bad).error!.issues.map((i) => i.path.join('.'));
    expect(issues.sort()).toEqual(['businessHours.close', 'businessHours.timeZone', 'rules.hold.dueSoon', 'rules.ring.duration']);
    const shut = structuredClone(policy) as unknown as { businessHours: Record<string, unknown> };
    shut.businessHours.close = '08:00';
    expect(DeadlinePolicySchema.safeParse(shut).error!.issues.map((i) => i.path.join('.'))).toEqual(['businessHours.close']);
  });

  // every rule, on a fake clock: green until its amber threshold, amber until due, red from due
  const T0 = bj(2026, 11, 23, 10); // Monday 10:00 Beijing
  for (const [id, r] of Object.entries(policy.rules)) {
    it(`${id} (${r.seed ?? 'company limit'}): ok → due-soon → breached at the policy's numbers`, () => {
      const given = T0 + 3 * DAY;
      const c = startClock(r, T0, shanghai, given);
      const s = schedule(c, durationMs(r.dueSoon), shanghai)!;
      const expectedDue =
        r.duration === 'given' ? given : r.duration === 'next-business-day' ? bj(2026, 11, 24, 9) : r.businessHours ? addBusinessMs(T0, durationMs(r.duration), shanghai) : T0 + durationMs(r.duration);
      expect(s.dueAt).toBe(expectedDue);
      expect(clockStatus(c, s.soonAt - 1, durationMs(r.dueSoon), shanghai).level).toBe('ok');
      expect(clockStatus(c, s.soonAt, durationMs(r.dueSoon), shanghai).level).toBe('due-soon');
      expect(clockStatus(c, s.dueAt - 1, durationMs(r.dueSoon), shanghai).level).toBe('due-soon');
      expect(clockStatus(c, s.dueAt, durationMs(r.dueSoon), shanghai)).toMatchObject({ level: 'breached', dueAt: expectedDue });
    });
  }

  it('a business-hours rule stops overnight and over the weekend: 2 h from Friday 17:30 is Monday 10:30', () => {
    const r = policy.rules['complaint-answer-simple'];
    expect(r.businessHours).toBe(true);
    const c = startClock(r, bj(2026, 11, 20, 17, 30), shanghai);
    expect(schedule(c, durationMs(r.dueSoon), shanghai)).toEqual({ soonAt: bj(2026, 11, 23, 10), dueAt: bj(2026, 11, 23, 10, 30) });
    // Saturday noon: 30 business minutes gone, 90 left, still green
    expect(clockStatus(c, bj(2026, 11, 21, 12), durationMs(r.dueSoon), shanghai)).toMatchObject({ level: 'ok', remainingMs: 90 * MIN });
  });
});

describe('clock engine (pure, absolute timestamps)', () => {
  const r = rule({ duration: '1h', dueSoon: '10min' });
  const T0 = bj(2026, 11, 23, 10);

  it('pauses and resumes: the due time moves by exactly the paused time', () => {
    let c = startClock(r, T0, shanghai);
    c = pauseClock(c, T0 + 20 * MIN);
    expect(clockStatus(c, T0 + 5 * HOUR, 10 * MIN, shanghai)).toEqual({ level: 'paused', remainingMs: 40 * MIN, dueAt: null });
    expect(pauseClock(c, T0 + 30 * MIN)).toBe(c); // pausing twice keeps the first pause
    c = resumeClock(c, T0 + 2 * HOUR + 20 * MIN, shanghai);
    expect(c.pausedMs).toBe(2 * HOUR);
    expect(resumeClock(c, T0 + 3 * HOUR, shanghai)).toBe(c);
    expect(clockStatus(c, T0 + 2 * HOUR + 20 * MIN, 10 * MIN, shanghai)).toEqual({ level: 'ok', remainingMs: 40 * MIN, dueAt: T0 + 3 * HOUR });
    c = pauseClock(c, T0 + 2 * HOUR + 50 * MIN); // a second pause, 10 min left
    c = resumeClock(c, T0 + 4 * HOUR, shanghai);
    expect(clockStatus(c, T0 + 4 * HOUR, 10 * MIN, shanghai)).toMatchObject({ level: 'due-soon', remainingMs: 10 * MIN, dueAt: T0 + 4 * HOUR + 10 * MIN });
  });

  it('a business-hours clock paused overnight loses no business time to the night', () => {
    const b = rule({ duration: '2h', businessHours: true });
    let c = startClock(b, bj(2026, 11, 23, 17), shanghai); // Monday 17:00, one business hour before closing
    c = pauseClock(c, bj(2026, 11, 23, 17, 30));
    c = resumeClock(c, bj(2026, 11, 24, 9, 30), shanghai); // paused 17:30–18:00 and 09:00–09:30 of business time
    expect(c.pausedMs).toBe(HOUR);
    expect(schedule(c, 10 * MIN, shanghai)!.dueAt).toBe(bj(2026, 11, 24, 11)); // 30 min Monday + 90 min Tuesday from 09:30
  });

  it('completes (settling a pause first) and stays done', () => {
    let c = pauseClock(startClock(r, T0, shanghai), T0 + 10 * MIN);
    c = completeClock(c, T0 + 30 * MIN, shanghai);
    expect(c).toMatchObject({ pausedAt: null, pausedMs: 20 * MIN, doneAt: T0 + 30 * MIN });
    expect(completeClock(c, T0 + HOUR, shanghai)).toBe(c);
    expect(clockStatus(c, T0 + 9 * HOUR, 10 * MIN, shanghai)).toEqual({ level: 'done', remainingMs: 50 * MIN, dueAt: null });
    expect(pauseClock(c, T0 + 2 * HOUR)).toBe(c);
  });

  it('recovers after a restart or a sleeping laptop: the stored fields alone give the same state at any later instant', () => {
    const running = pauseClock(startClock(rule({ duration: '12h', dueSoon: '2h' }), T0, shanghai), T0 + HOUR);
    const stored: Clock = JSON.parse(JSON.stringify(resumeClock(running, T0 + 2 * HOUR, shanghai))) as Clock;
    // the desk was off for three days: no ticks in between, the answer is the same as if it had ticked
    const woke = T0 + 3 * DAY;
    expect(clockStatus(stored, woke, 2 * HOUR, shanghai)).toEqual({ level: 'breached', remainingMs: -(3 * DAY - 13 * HOUR), dueAt: T0 + 13 * HOUR });
    expect(clockStatus(stored, T0 + 11 * HOUR, 2 * HOUR, shanghai)).toEqual({ level: 'due-soon', remainingMs: 2 * HOUR, dueAt: T0 + 13 * HOUR });
  });

  it('refuses a "given" rule without its due time and formats what is left', () => {
    expect(() => startClock(rule({ duration: 'given' }), T0, shanghai)).toThrow(/due time/);
    expect(startClock(rule({ duration: 'given' }), T0, shanghai, T0 - HOUR).durationMs).toBe(0); // already due
    expect([12_000, 179_001, 11 * HOUR + 58 * MIN, 7 * DAY - HOUR, -61_000].map(formatRemaining)).toEqual(['12s', '3:00', '11h 58min', '6d 23h', '−1:01']);
    expect(() => durationMs('3 weeks')).toThrow(/duration/);
  });
});

describe('business calendar: midnight, weekends, holidays, make-up days and DST', () => {
  it('the next working morning after 23:59 and after 00:01 (Beijing), over a weekend and a holiday', () => {
    expect(nextBusinessOpening(bj(2026, 11, 23, 23, 59), shanghai)).toBe(bj(2026, 11, 24, 9)); // Monday night → Tuesday
    expect(nextBusinessOpening(bj(2026, 11, 24, 0, 1), shanghai)).toBe(bj(2026, 11, 25, 9)); // Tuesday 00:01 → Wednesday
    expect(nextBusinessOpening(bj(2026, 11, 20, 12), shanghai)).toBe(bj(2026, 11, 23, 9)); // Friday → Monday
    const holiday: BusinessHours = { ...shanghai, holidays: ['2026-11-23'], workdays: ['2026-11-22'] };
    expect(nextBusinessOpening(bj(2026, 11, 20, 12), holiday)).toBe(bj(2026, 11, 22, 9)); // Sunday worked (调休), Monday off
    expect(nextBusinessOpening(bj(2026, 11, 22, 12), holiday)).toBe(bj(2026, 11, 24, 9));
  });

  it('counts business time across midnight and days, and not before opening or after closing', () => {
    expect(businessMsBetween(bj(2026, 11, 23, 8), bj(2026, 11, 23, 20), shanghai)).toBe(9 * HOUR);
    expect(businessMsBetween(bj(2026, 11, 23, 17), bj(2026, 11, 24, 10), shanghai)).toBe(2 * HOUR);
    expect(businessMsBetween(bj(2026, 11, 20, 17), bj(2026, 11, 23, 10), shanghai)).toBe(2 * HOUR); // Fri → Mon
    expect(businessMsBetween(bj(2026, 11, 23, 12), bj(2026, 11, 23, 11), shanghai)).toBe(0);
    expect(addBusinessMs(bj(2026, 11, 23, 20), 0, shanghai)).toBe(bj(2026, 11, 24, 9));
  });

  const newYork: BusinessHours = { timeZone: 'America/New_York', days: [0, 1, 2, 3, 4, 5, 6], open: '00:00', close: '06:00', holidays: [], workdays: [] };
  it('a 00:00–06:00 window is 5 h on the spring-forward night and 7 h on the fall-back night (New York 2026)', () => {
    expect(businessMsBetween(Date.UTC(2026, 2, 8, 0), Date.UTC(2026, 2, 9, 0), newYork)).toBe(5 * HOUR);
    expect(businessMsBetween(Date.UTC(2026, 10, 1, 0), Date.UTC(2026, 10, 2, 0), newYork)).toBe(7 * HOUR);
    expect(businessMsBetween(Date.UTC(2026, 5, 1, 0), Date.UTC(2026, 5, 2, 0), newYork)).toBe(6 * HOUR);
  });

  it('a due time across the DST change lands on the right wall-clock hour', () => {
    const nine: BusinessHours = { ...newYork, open: '09:00', close: '17:00' };
    // Saturday 7 March 16:00 EST (21:00 UTC) + 2 business hours: 1 h on Saturday, then Sunday 09:00 EDT + 1 h
    expect(addBusinessMs(Date.UTC(2026, 2, 7, 21), 2 * HOUR, nine)).toBe(Date.UTC(2026, 2, 8, 14));
    // Saturday 31 October 16:00 EDT (20:00 UTC) + 2 h: Sunday 1 November 10:00 EST
    expect(addBusinessMs(Date.UTC(2026, 9, 31, 20), 2 * HOUR, nine)).toBe(Date.UTC(2026, 10, 1, 15));
    // wall-clock rules ignore the change: 24 h is 24 h of real time
    const c = startClock(rule({ duration: '24h' }), Date.UTC(2026, 2, 7, 21), nine);
    expect(schedule(c, 0, nine)!.dueAt).toBe(Date.UTC(2026, 2, 8, 21));
  });

  it('stops instead of looping when the calendar has no working day', () => {
    const never: BusinessHours = { ...shanghai, days: [1], holidays: Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2026, 10, 23 + 7 * i)).toISOString().slice(0, 10)) };
    expect(() => addBusinessMs(bj(2026, 11, 23, 10), HOUR, never)).toThrow(/no working day/);
  });
});
