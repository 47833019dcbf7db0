import { DayFiguresSchema, type DayFigures } from '../../shared/team-stats.js';
import type { Db } from './database.js';

/** Day summaries kept on a lead's desk (migration 019), and the two day figures the visit report does not hold. */
export class TeamStatsRepo {
  private readonly upsert;
  private readonly between;
  private readonly escalationsMade;
  private readonly breachesAlerted;

  constructor(db: Db) {
    this.upsert = db.prepare<[string, string, string, number]>(
      `INSERT INTO team_summaries (member, day, figures, received_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (member, day) DO UPDATE SET figures = excluded.figures, received_at = excluded.received_at`,
    );
    this.between = db.prepare<[string, string], { member: string; day: string; figures: string }>('SELECT member, day, figures FROM team_summaries WHERE day >= ? AND day <= ? ORDER BY member, day');
    this.escalationsMade = db.prepare<[number, number], { n: number }>("SELECT COUNT(*) AS n FROM escalations WHERE direction = 'out' AND created_at >= ? AND created_at < ?");
    this.breachesAlerted = db.prepare<[number, number], { n: number }>('SELECT COUNT(*) AS n FROM deadlines WHERE breach_alerted_at >= ? AND breach_alerted_at < ?');
  }

  /** The latest summary of a member's day replaces the one before. */
  keep(member: string, day: string, figures: DayFigures, at: number): void {
    this.upsert.run(member, day, JSON.stringify(figures), at);
  }

  /** Every summary of the days first..last (inclusive). */
  summaries(first: string, last: string): { member: string; day: string; figures: DayFigures }[] {
    return this.between.all(first, last).map((r) => ({ member: r.member, day: r.day, figures: DayFiguresSchema.parse(JSON.parse(r.figures)) }));
  }

  /** This desk's escalations raised, and its clocks that breached, in [from, to). */
  counts(from: number, to: number): { escalations: number; breaches: number } {
    return { escalations: this.escalationsMade.get(from, to)!.n, breaches: this.breachesAlerted.get(from, to)!.n };
  }
}
