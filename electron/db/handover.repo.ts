import type { CreateHandover, Handover, HandoverItem } from '../../shared/handover.js';
import type { Db } from './database.js';

interface ItemRow {
  id: number;
  text: string;
  visit_id: number | null;
  acknowledged_by: string | null;
  acknowledged_at: number | null;
}

/** Handovers and their items (migration 006). */
export class HandoverRepo {
  constructor(private readonly db: Db) {}

  create(input: CreateHandover, now: number): number {
    return this.db.transaction(() => {
      const { lastInsertRowid } = this.db.prepare('INSERT INTO handovers (from_agent, created_at) VALUES (?, ?)').run(input.fromAgent, now);
      const id = Number(lastInsertRowid);
      const item = this.db.prepare('INSERT INTO handover_items (handover_id, text, visit_id) VALUES (?, ?, ?)');
      for (const i of input.items) item.run(id, i.text, i.visitId ?? null);
      return id;
    })();
  }

  /** Acknowledges an item once: a second acknowledgement (or an unknown item) changes nothing. */
  acknowledge(itemId: number, by: string, now: number): boolean {
    return this.db.prepare('UPDATE handover_items SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND acknowledged_by IS NULL').run(by, now, itemId).changes === 1;
  }

  /** The most recent handovers, newest first, with their items. */
  recent(limit: number): Handover[] {
    const rows = this.db
      .prepare<[number], { id: number; from_agent: string; created_at: number }>('SELECT id, from_agent, created_at FROM handovers ORDER BY created_at DESC, id DESC LIMIT ?')
      .all(limit);
    const items = this.db.prepare<[number], ItemRow>('SELECT id, text, visit_id, acknowledged_by, acknowledged_at FROM handover_items WHERE handover_id = ? ORDER BY id');
    return rows.map((h) => ({
      id: h.id,
      fromAgent: h.from_agent,
      createdAt: h.created_at,
      items: items.all(h.id).map(
        (r): HandoverItem => ({ id: r.id, text: r.text, visitId: r.visit_id, acknowledgedBy: r.acknowledged_by, acknowledgedAt: r.acknowledged_at }),
      ),
    }));
  }
}
