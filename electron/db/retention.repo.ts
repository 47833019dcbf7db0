import { ANONYMISED_NUMBER } from '../../shared/retention.js';
import type { Db } from './database.js';
import { StatementCache } from './statement-cache.js';

/**
 * Removing customers' personal data past the retention period, a chunk of visits at a time. For a
 * visit that means its number, name, contact and texts, its index entry, draft, audit trail (which
 * holds old values), compliance overrides (quoted text), events' descriptions and linked handover
 * notes; escalations and refused-REFER entries older than the cutoff go too (they carry numbers).
 */
export class RetentionRepo {
  private readonly sql: StatementCache;

  constructor(private readonly db: Db) {
    this.sql = new StatementCache(db);
  }

  /** How many visits the policy still has to handle. */
  pending(cutoff: number, action: 'anonymise' | 'delete'): number {
    const where = action === 'delete' ? 'started_at < ?' : 'started_at < ? AND anonymised_at IS NULL';
    return (this.sql.get(`SELECT count(*) AS n FROM visits WHERE ${where}`).get(cutoff) as { n: number }).n;
  }

  /** Anonymises or deletes up to `limit` visits started before `cutoff`; how many it did. */
  step(cutoff: number, action: 'anonymise' | 'delete', limit: number, now: number): number {
    return this.db.transaction(() => {
      const where = action === 'delete' ? 'started_at < ?' : 'started_at < ? AND anonymised_at IS NULL';
      const ids = (this.sql.get(`SELECT id FROM visits WHERE ${where} ORDER BY started_at LIMIT ?`).all(cutoff, limit) as { id: number }[]).map((r) => r.id);
      for (const id of ids) {
        for (const table of ['visit_audit', 'visit_drafts', 'compliance_overrides']) this.sql.get(`DELETE FROM ${table} WHERE visit_id = ?`).run(id);
        this.sql.get("UPDATE handover_items SET text = '', visit_id = NULL WHERE visit_id = ?").run(id);
        this.sql.get('DELETE FROM visits_fts WHERE rowid = ?').run(id);
        if (action === 'anonymise') {
          this.sql.get("UPDATE visit_events SET description = '' WHERE visit_id = ?").run(id);
          this.sql
            .get("UPDATE visits SET customer_number = ?, customer_name = '', contact = '', description = '', resolution = '', tags = '[]', anonymised_at = ? WHERE id = ?")
            .run(ANONYMISED_NUMBER, now, id);
          this.sql.get("INSERT INTO visits_fts (rowid, tokens) VALUES (?, '')").run(id);
        } else {
          for (const table of ['visit_events', 'visit_articles', 'visit_checklists', 'deadlines']) this.sql.get(`DELETE FROM ${table} WHERE visit_id = ?`).run(id);
          this.sql.get('UPDATE visits SET linked_visit_id = NULL WHERE linked_visit_id = ?').run(id);
          this.sql.get('DELETE FROM visits WHERE id = ?').run(id);
        }
      }
      return ids.length;
    })();
  }

  /** Escalations and refused-REFER log entries from before the cutoff (they name customers). */
  purgeOther(cutoff: number): { escalations: number; deskLog: number } {
    return this.db.transaction(() => ({
      escalations: this.sql.get('DELETE FROM escalations WHERE created_at < ?').run(cutoff).changes,
      deskLog: this.sql.get("DELETE FROM desk_log WHERE kind = 'refer-refused' AND at < ?").run(cutoff).changes,
    }))();
  }
}
