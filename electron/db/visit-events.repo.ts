import type { EventStatus, SubmitEvent, VisitEvent } from '../../shared/visits.js';
import { StatementCache } from './statement-cache.js';
import type { Db } from './database.js';

interface EventRow {
  id: number;
  visit_id: number;
  department: string;
  description: string;
  due_at: number;
  status: EventStatus;
  created_by: string;
  created_at: number;
  updated_at: number;
}

const toEvent = (r: EventRow): VisitEvent => ({
  id: r.id,
  visitId: r.visit_id,
  department: r.department,
  description: r.description,
  dueAt: r.due_at,
  status: r.status,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Parts of visits handed to other departments (R-EVENT, migration 005). */
export class VisitEventsRepo {
  private readonly sql: StatementCache;

  constructor(db: Db) {
    this.sql = new StatementCache(db);
  }

  add(e: SubmitEvent, by: string, now: number): VisitEvent {
    const { lastInsertRowid } = this.sql.get(
      'INSERT INTO visit_events (visit_id, department, description, due_at, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(e.visitId, e.department, e.description, e.dueAt, by, now, now);
    return this.get(Number(lastInsertRowid))!;
  }

  get(id: number): VisitEvent | undefined {
    const row = this.sql.get('SELECT * FROM visit_events WHERE id = ?').get(id) as EventRow | undefined;
    return row ? toEvent(row) : undefined;
  }

  setStatus(id: number, status: EventStatus, now: number): void {
    this.sql.get('UPDATE visit_events SET status = ?, updated_at = ? WHERE id = ?').run(status, now, id);
  }

  forVisit(visitId: number): VisitEvent[] {
    return (this.sql.get('SELECT * FROM visit_events WHERE visit_id = ? ORDER BY created_at, id').all(visitId) as EventRow[]).map(toEvent);
  }
}
