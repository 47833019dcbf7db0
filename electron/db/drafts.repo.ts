import { StatementCache } from './statement-cache.js';
import type { Db } from './database.js';

export interface StoredDraft {
  readonly fields: Record<string, unknown>;
  readonly savedAt: number;
}

/** The wrap-up form as the agent types it (crash-safe autosave), one per visit (migration 004). */
export class DraftsRepo {
  private readonly sql: StatementCache;

  constructor(db: Db) {
    this.sql = new StatementCache(db);
  }

  put(visitId: number, fields: Record<string, unknown>, at: number): void {
    this.sql
      .get('INSERT INTO visit_drafts (visit_id, fields, saved_at) VALUES (?, ?, ?) ON CONFLICT (visit_id) DO UPDATE SET fields = excluded.fields, saved_at = excluded.saved_at')
      .run(visitId, JSON.stringify(fields), at);
  }

  get(visitId: number): StoredDraft | null {
    const row = this.sql.get('SELECT fields, saved_at FROM visit_drafts WHERE visit_id = ?').get(visitId) as { fields: string; saved_at: number } | undefined;
    return row ? { fields: JSON.parse(row.fields) as Record<string, unknown>, savedAt: row.saved_at } : null;
  }

  /** Drafts newer than their visit's last save, newest first. */
  unsaved(limit: number): { visitId: number; customerNumber: string; customerName: string; startedAt: number; savedAt: number; fields: Record<string, unknown> }[] {
    const rows = this.sql
      .get(
        `SELECT d.visit_id, v.customer_number, v.customer_name, v.started_at, d.saved_at, d.fields
         FROM visit_drafts d JOIN visits v ON v.id = d.visit_id WHERE d.saved_at > v.updated_at ORDER BY d.saved_at DESC LIMIT ?`,
      )
      .all(limit) as { visit_id: number; customer_number: string; customer_name: string; started_at: number; saved_at: number; fields: string }[];
    return rows.map((r) => ({
      visitId: r.visit_id,
      customerNumber: r.customer_number,
      customerName: r.customer_name,
      startedAt: r.started_at,
      savedAt: r.saved_at,
      fields: JSON.parse(r.fields) as Record<string, unknown>,
    }));
  }

  drop(visitId: number): void {
    this.sql.get('DELETE FROM visit_drafts WHERE visit_id = ?').run(visitId);
  }
}
