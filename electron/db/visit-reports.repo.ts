import type { VisitReport } from '../../shared/visits.js';
import { StatementCache } from './statement-cache.js';
import type { Db } from './database.js';

/** The daily / weekly report's figures, read from visits, checklists, overrides and the agent state log. */
export class VisitReportsRepo {
  private readonly sql: StatementCache;

  constructor(db: Db) {
    this.sql = new StatementCache(db);
  }

  /**
   * Volumes and rates for [from, to): the daily / weekly report (R-STATS-WEEKLY). One pass over the
   * period through the time index, aggregated here: five GROUP BY queries cost five scans.
   */
  report(from: number, to: number): VisitReport {
    const wrapUp = this.wrapUps(from, to);
    const rows = this.sql.get(
      'SELECT channel, direction, category, status, owner, started_at, answered_at, ended_at FROM visits INDEXED BY visits_by_time WHERE started_at >= ? AND started_at < ?',
    ).raw(true);
    const byChannel: Record<string, number> = {};
    const byCategory: Record<string, number> = {};
    const byOwner: Record<string, number> = {};
    const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
    let total = 0;
    let complaints = 0;
    let openComplaints = 0;
    let inbound = 0;
    let answered = 0;
    let within15 = 0;
    let handleSum = 0;
    let handled = 0;
    for (const r of rows.iterate(from, to) as Iterable<[string, string, string | null, string, string, number, number | null, number | null]>) {
      const [channel, direction, category, status, owner, startedAt, answeredAt, endedAt] = r;
      total++;
      bump(byChannel, channel);
      bump(byCategory, category ?? '');
      bump(byOwner, owner);
      if (category === 'complaint') {
        complaints++;
        if (status !== 'resolved' && status !== 'closed') openComplaints++;
      }
      if (direction === 'inbound') {
        inbound++;
        if (answeredAt !== null) {
          answered++;
          if (answeredAt - startedAt <= 15_000) within15++;
        }
      }
      if (answeredAt !== null && endedAt !== null) {
        handleSum += endedAt - answeredAt;
        handled++;
      }
    }
    return {
      from,
      to,
      total,
      byChannel,
      byCategory,
      byOwner,
      complaints: { total: complaints, open: openComplaints },
      inbound: { total: inbound, answered, answeredWithin15s: within15 },
      meanHandleMs: handled === 0 ? null : Math.round(handleSum / handled),
      meanWrapUpMs: wrapUp.count === 0 ? null : Math.round(wrapUp.totalMs / wrapUp.count),
      handle: { count: handled, totalMs: handleSum },
      wrapUp,
      script: this.scriptStats(from, to),
    };
  }

  /** How the per-call checklists of the period's visits came out, and the compliance overrides logged. */
  private scriptStats(from: number, to: number): VisitReport['script'] {
    const row = this.sql.get(
      `SELECT COUNT(*) AS calls, TOTAL(c.greeting) AS greeting, TOTAL(c.waiting IS NOT NULL) AS held, TOTAL(c.waiting) AS waiting,
              TOTAL(c.confirmed) AS confirmed, TOTAL(c.closing) AS closing
       FROM visits v INDEXED BY visits_by_time JOIN visit_checklists c ON c.visit_id = v.id WHERE v.started_at >= ? AND v.started_at < ?`,
    ).get(from, to) as Omit<VisitReport['script'], 'overrides'>;
    const { overrides } = this.sql.get('SELECT COUNT(*) AS overrides FROM compliance_overrides WHERE at >= ? AND at < ?').get(from, to) as { overrides: number };
    return { ...row, overrides };
  }

  /**
   * Wrap-ups begun in [from, to) and their time: from the agent state log (migration 002), each
   * wrap-up lasting until the desk's next state change; one still running is not counted.
   */
  private wrapUps(from: number, to: number): VisitReport['wrapUp'] {
    return this.sql.get(
      `SELECT COUNT(*) AS count, TOTAL(next_at - at) AS totalMs FROM (
         SELECT status, at, LEAD(at) OVER (ORDER BY at, id) AS next_at FROM agent_state_log WHERE at >= ?
       ) WHERE status = 'wrap-up' AND at < ? AND next_at IS NOT NULL`,
    ).get(from, to) as VisitReport['wrapUp'];
  }
}
