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

  drop(visitId: number): void {
    this.sql.get('DELETE FROM visit_drafts WHERE visit_id = ?').run(visitId);
  }
}
