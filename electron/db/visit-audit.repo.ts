import type { AuditEntry } from '../../shared/visits.js';
import { StatementCache } from './statement-cache.js';
import type { Db } from './database.js';

/** Who changed what on a visit, and when (migration 004); appended in the transaction of the change. */
export class VisitAuditRepo {
  private readonly sql: StatementCache;

  constructor(db: Db) {
    this.sql = new StatementCache(db);
  }

  add(visitId: number, at: number, actor: string, change: AuditEntry['change']): void {
    this.sql.get('INSERT INTO visit_audit (visit_id, at, actor, change) VALUES (?, ?, ?, ?)').run(visitId, at, actor, JSON.stringify(change));
  }

  list(visitId: number): AuditEntry[] {
    const rows = this.sql.get('SELECT at, actor, change FROM visit_audit WHERE visit_id = ? ORDER BY at, id').all(visitId) as { at: number; actor: string; change: string }[];
    return rows.map((r) => ({ at: r.at, actor: r.actor, change: JSON.parse(r.change) as AuditEntry['change'] }));
  }
}
