import { describe, expect, it } from 'vitest';
import { localDay } from '../../../electron/services/team/team-stats.service';
import { addFigures, mondayOf, weekDays, ZERO_FIGURES, type DayFigures } from '../../../shared/team-stats';
import { useTempDirs } from '../helpers/temp-dir';
import { clock, smallTeam, type TeamDesk } from '../helpers/team-desks';

const tempDir = useTempDirs();
const HOUR = 3_600_000;

/** A call on the agent's desk: rang at `at`, answered after `ringS`, talked `talkS`, then `wrapS` of wrap-up. */
function call(desk: TeamDesk, at: number, { ringS = 5, talkS = 60, wrapS = 20, category = 'consult', answered = true } = {}) {
  const v = desk.visits.open({ channel: 'hotline', direction: 'inbound', customerNumber: '13800138000', startedAt: at, ...(answered ? { answeredAt: at + ringS * 1000 } : {}), callId: `c${at}` });
  desk.visits.update(v.id, { category });
  const end = at + (ringS + talkS) * 1000;
  desk.visits.callEnded(v.id, end);
  if (answered) {
    desk.agentStates.record({ status: 'on-call', at: at + ringS * 1000 });
    desk.agentStates.record({ status: 'wrap-up', at: end });
    desk.agentStates.record({ status: 'ready', at: end + wrapS * 1000 });
  }
}

/** What a desk's own report says of [from, to), in the summary's terms. */
function ownFigures(desk: TeamDesk, daysAgo: number): DayFigures {
  const { from, to } = localDay(clock.now, daysAgo);
  const r = desk.visits.report(from, to);
  return { ...ZERO_FIGURES, visits: r.total, inbound: r.inbound, handle: r.handle, wrapUp: r.wrapUp, complaints: r.complaints.total, overrides: r.script.overrides };
}

describe('team statistics from signed day summaries, on real SQLite desks', () => {
  it('the lead\'s week sums each agent\'s days, and the team the agents, as their own reports say', () => {
    const { admin, agents } = smallTeam(tempDir);
    const [a1, a2] = agents as [TeamDesk, TeamDesk];
    const today = localDay(clock.now, 0).from;
    const yesterday = localDay(clock.now, 1).from;
    call(a1, today + 1 * HOUR, { ringS: 20, talkS: 90, wrapS: 30, category: 'complaint' });
    call(a1, today + 1.5 * HOUR);
    call(a1, yesterday + 3 * HOUR, { talkS: 120 });
    call(a2, today + 0.5 * HOUR, { answered: false });
    call(a2, today + 1 * HOUR, { talkS: 30, wrapS: 10 });
    a1.escalations.create({ reason: 'manual', note: 'x' });

    // each agent's desk sends yesterday's and today's summary (today's twice: the latest wins)
    for (const a of [a1, a2]) {
      for (const daysAgo of [1, 0, 0]) {
        const sealed = a.mail.seal({ kind: 'day-summary', daysAgo });
        expect(admin.mail.deliver({ from: a.user, contentType: sealed.contentType, body: sealed.body })).toMatchObject({ code: 200, effect: { kind: 'day-summary', user: a.user } });
      }
    }
    const week = admin.stats.week(mondayOf(localDay(clock.now, 0).day));
    const row = (user: string) => week.agents.find((a) => a.user === user)!;
    // the days reported fall in this week (2026-12-01 is a Tuesday: yesterday is its Monday)
    expect(row('1001').daysReported).toEqual([localDay(clock.now, 1).day, localDay(clock.now, 0).day]);
    expect(row('1001').figures).toEqual({ ...addFigures([ownFigures(a1, 0), ownFigures(a1, 1)]), escalations: 1 });
    expect(row('1001').figures).toMatchObject({ visits: 3, inbound: { total: 3, answered: 3, answeredWithin15s: 2 }, handle: { count: 3, totalMs: 270_000 }, wrapUp: { count: 3, totalMs: 70_000 }, complaints: 1 });
    expect(row('1002').figures).toEqual(addFigures([ownFigures(a2, 0), ownFigures(a2, 1)]));
    expect(row('1002').figures.inbound).toEqual({ total: 2, answered: 1, answeredWithin15s: 1 });
    expect(week.team).toEqual(addFigures([row('1001').figures, row('1002').figures]));
    expect(week.team.visits).toBe(5);

    // the XLSX holds the same rows, and no customer's number
    const xlsx = admin.stats.exportWeek(week.monday);
    expect(xlsx.fileName).toBe(`team-week-${week.monday}.xlsx`);
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');
    // the agent's summary carries counts only
    expect(a1.mail.seal({ kind: 'day-summary', daysAgo: 0 }).body).not.toContain('13800138000');
  });

  it("the lead sees each agent's typing speed from the online replies they typed (R-TYPING-30), not from phrases the desk sent", () => {
    const { admin, agents } = smallTeam(tempDir);
    const a1 = agents[0]!;
    const body = JSON.stringify({ v: 1, kind: 'msg', id: 'c-msg-000001', conv: 'web-conv-0001', seq: 1, text: '宽带断了', at: clock.now });
    expect(a1.chat.receive({ from: 'guest-7', contentType: 'application/vnd.zuoxi.chat+json', body, callId: 'x', cseq: 1 })).toMatchObject({ code: 200 });
    a1.chat.compose('web-conv-0001', '您好，请问您的宽带账号是多少？', 30_000); // 15 characters in 30 s
    a1.chat.compose('web-conv-0001', '好的，正在为您查询，请稍等', 20_000); // 13 in 20 s
    a1.chat.compose('web-conv-0001', '您好，请问您还在线吗？如果暂时不方便，稍后可以随时再联系我们。'); // the desk's prompt: not typed
    const sealed = a1.mail.seal({ kind: 'day-summary', daysAgo: 0 });
    expect(admin.mail.deliver({ from: a1.user, contentType: sealed.contentType, body: sealed.body })).toMatchObject({ code: 200 });
    const week = admin.stats.week(mondayOf(localDay(clock.now, 0).day));
    expect(week.agents.find((a) => a.user === a1.user)!.figures.typing).toEqual({ replies: 2, chars: 28, typingMs: 50_000 });
    expect(week.agents.find((a) => a.user !== a1.user)!.figures.typing).toEqual({ replies: 0, chars: 0, typingMs: 0 });
    expect(week.team.typing).toEqual({ replies: 2, chars: 28, typingMs: 50_000 });
  });

  it('a summary from someone who does not report to this desk is refused', () => {
    const { admin, agents } = smallTeam(tempDir);
    const sealed = admin.mail.seal({ kind: 'day-summary', daysAgo: 0 });
    expect(agents[0]!.mail.deliver({ from: '1000', contentType: sealed.contentType, body: sealed.body })).toEqual({ code: 403, reason: '1001 is not a lead of 1000' });
  });

  it('weeks run Monday to Sunday across month ends', () => {
    expect(mondayOf('2026-12-01')).toBe('2026-11-30');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(weekDays('2026-12-28')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
  });
});
