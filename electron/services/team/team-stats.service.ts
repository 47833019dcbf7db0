import { perMinute } from '../../../shared/chat.js';
import { AppError, ErrorCode } from '../../../shared/result.js';
import { addFigures, weekDays, type DaySummary, type TeamWeek } from '../../../shared/team-stats.js';
import type { VisitReport } from '../../../shared/visits.js';
import type { TeamStatsRepo } from '../../db/team-stats.repo.js';
import { toXlsx } from '../spreadsheet.js';
import type { TeamService } from './team.service.js';

/** The desk's local day `daysAgo` days before `now`: its name and [from, to). */
export function localDay(now: number, daysAgo: number): { day: string; from: number; to: number } {
  const d = new Date(now);
  const from = new Date(d.getFullYear(), d.getMonth(), d.getDate() - daysAgo).getTime();
  const start = new Date(from);
  const to = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1).getTime();
  const day = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}-${String(start.getDate()).padStart(2, '0')}`;
  return { day, from, to };
}

const seconds = (total: { count: number; totalMs: number }) => (total.count === 0 ? null : Math.round(total.totalMs / total.count / 1000));
const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/**
 * Team statistics (issue 16, item 6; R-STATS-WEEKLY). A member desk summarises its own days from
 * its visit report (counts and durations, never a customer); the lead's desk keeps each member's
 * latest summary per day and adds them up per agent and for the team, week by week, with an XLSX.
 */
export class TeamStats {
  constructor(
    private readonly repo: TeamStatsRepo,
    private readonly reports: { report(from: number, to: number): VisitReport },
    private readonly chat: { typed(from: number, to: number): { chars: number; ms: number; replies: number } },
    private readonly team: TeamService,
    private readonly now: () => number = Date.now,
  ) {}

  /** This desk's summary of its day `daysAgo` days back (0: today so far). */
  summary(daysAgo: number): DaySummary {
    const { day, from, to } = localDay(this.now(), daysAgo);
    const r = this.reports.report(from, to);
    const typed = this.chat.typed(from, to);
    return {
      v: 1,
      kind: 'day-summary',
      day,
      visits: r.total,
      inbound: r.inbound,
      handle: r.handle,
      wrapUp: r.wrapUp,
      complaints: r.complaints.total,
      overrides: r.script.overrides,
      ...this.repo.counts(from, to),
      typing: { replies: typed.replies, chars: typed.chars, typingMs: typed.ms },
    };
  }

  /** A member's summary, already verified as theirs. */
  keep(member: string, summary: DaySummary): void {
    const { v: _v, kind: _kind, day, ...figures } = summary;
    this.repo.keep(member, day, figures, this.now());
  }

  /** The week from `monday`: every member who reports to this desk, and the team's sum. */
  week(monday: string): TeamWeek {
    const me = this.team.me();
    if (!me) throw new AppError(ErrorCode.BadArguments, 'this desk is in no team');
    const days = weekDays(monday);
    const rows = this.repo.summaries(days[0]!, days[6]!);
    const members = (this.team.directory()?.members ?? []).filter((m) => m.user !== me.user && m.leads.includes(me.user));
    const agents = members.map((m) => {
      const mine = rows.filter((r) => r.member === m.user);
      return { user: m.user, name: m.name, daysReported: mine.map((r) => r.day), figures: addFigures(mine.map((r) => r.figures)) };
    });
    return { monday, agents, team: addFigures(agents.map((a) => a.figures)) };
  }

  /** The week as a spreadsheet: one row per agent, then the team. */
  exportWeek(monday: string): { fileName: string; bytes: Buffer } {
    const week = this.week(monday);
    const header = ['坐席', '姓名', '上报天数', '来访', '呼入', '接通', '15秒内接通', '接通率%', '平均通话秒', '平均话后秒', '投诉', '合规例外', '升级', '超时', '在线回复', '打字速度字/分'];
    const row = (user: string, name: string, days: number, f: TeamWeek['team']) => [
      user,
      name,
      days,
      f.visits,
      f.inbound.total,
      f.inbound.answered,
      f.inbound.answeredWithin15s,
      percent(f.inbound.answered, f.inbound.total),
      seconds(f.handle),
      seconds(f.wrapUp),
      f.complaints,
      f.overrides,
      f.escalations,
      f.breaches,
      f.typing.replies,
      perMinute(f.typing.chars, f.typing.typingMs),
    ];
    const rows = [...week.agents.map((a) => row(a.user, a.name, a.daysReported.length, a.figures)), row('合计', '', 0, week.team)];
    return { fileName: `team-week-${monday}.xlsx`, bytes: toXlsx(`周报 ${monday}`, header, rows) };
  }
}
