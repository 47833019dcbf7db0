import type { Clock, VisitClock } from '../../shared/deadlines.js';
import type { VisitDeadline } from '../../shared/visits.js';
import type { Db } from './database.js';

interface Row {
  id: number;
  visit_id: number;
  clock: VisitClock;
  subject: number;
  started_at: number;
  duration_ms: number;
  business_hours: number;
  paused_at: number | null;
  paused_ms: number;
  done_at: number | null;
  soon_alerted_at: number | null;
  breach_alerted_at: number | null;
  customer_number: string;
  customer_name: string;
  description: string;
}

const toDeadline = (r: Row): VisitDeadline => ({
  id: r.id,
  visitId: r.visit_id,
  clock: r.clock,
  subject: r.subject,
  startedAt: r.started_at,
  durationMs: r.duration_ms,
  businessHours: r.business_hours === 1,
  pausedAt: r.paused_at,
  pausedMs: r.paused_ms,
  doneAt: r.done_at,
  soonAlertedAt: r.soon_alerted_at,
  breachAlertedAt: r.breach_alerted_at,
  customerNumber: r.customer_number,
  customerName: r.customer_name,
  summary: r.description.slice(0, 80),
});

const SELECT = `SELECT d.*, v.customer_number, v.customer_name, v.description FROM deadlines d JOIN visits v ON v.id = d.visit_id`;

/** Clocks of visits (migration 013). `dueAt` is the engine's due instant, stored for ordering only. */
export class DeadlinesRepo {
  private readonly ofVisit;
  private readonly running;
  private readonly byId;
  private readonly insertOne;
  private readonly saveOne;
  private readonly alert;

  constructor(db: Db) {
    this.ofVisit = db.prepare<[number], Row>(`${SELECT} WHERE d.visit_id = ? ORDER BY d.started_at, d.id`);
    this.running = db.prepare<[number], Row>(`${SELECT} WHERE d.done_at IS NULL ORDER BY d.due_at IS NULL, d.due_at, d.id LIMIT ?`);
    this.byId = db.prepare<[number], Row>(`${SELECT} WHERE d.id = ?`);
    this.insertOne = db.prepare(
      `INSERT INTO deadlines (visit_id, clock, subject, started_at, duration_ms, business_hours, paused_at, paused_ms, done_at, due_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (visit_id, clock, subject) DO NOTHING`,
    );
    this.saveOne = db.prepare('UPDATE deadlines SET paused_at = ?, paused_ms = ?, done_at = ?, due_at = ? WHERE id = ?');
    this.alert = {
      'due-soon': db.prepare('UPDATE deadlines SET soon_alerted_at = ? WHERE id = ? AND soon_alerted_at IS NULL'),
      breached: db.prepare('UPDATE deadlines SET breach_alerted_at = ? WHERE id = ? AND breach_alerted_at IS NULL'),
    };
  }

  forVisit(visitId: number): VisitDeadline[] {
    return this.ofVisit.all(visitId).map(toDeadline);
  }

  /** Running and paused clocks, soonest due first, paused ones last. */
  listRunning(limit: number): VisitDeadline[] {
    return this.running.all(limit).map(toDeadline);
  }

  get(id: number): VisitDeadline | undefined {
    const row = this.byId.get(id);
    return row && toDeadline(row);
  }

  /** Starts a clock unless this visit already has one for the rule and subject (running or done). */
  insert(visitId: number, clock: VisitClock, subject: number, c: Clock, dueAt: number | null, now: number): boolean {
    return this.insertOne.run(visitId, clock, subject, c.startedAt, c.durationMs, c.businessHours ? 1 : 0, c.pausedAt, c.pausedMs, c.doneAt, dueAt, now).changes === 1;
  }

  save(id: number, c: Clock, dueAt: number | null): void {
    this.saveOne.run(c.pausedAt, c.pausedMs, c.doneAt, dueAt, id);
  }

  /** Records that the agent was told; false when somebody (another window, an earlier run) already was. */
  markAlerted(id: number, kind: 'due-soon' | 'breached', at: number): boolean {
    return this.alert[kind].run(at, id).changes === 1;
  }
}
