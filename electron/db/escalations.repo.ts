import type { AckPayload, Escalation, EscalationPayload, EscalationStatus } from '../../shared/escalation.js';
import { URGENCY } from '../../shared/escalation.js';
import type { Db } from './database.js';

interface Row {
  payload: string;
  direction: 'out' | 'in';
  status: EscalationStatus;
  peer: string;
  attempts: number;
  delivered_at: number | null;
  acknowledged_at: number | null;
  resolved_at: number | null;
  lead_note: string;
  updated_at: number;
}

const toEscalation = (r: Row): Escalation => ({
  payload: JSON.parse(r.payload) as EscalationPayload,
  direction: r.direction,
  status: r.status,
  peer: r.peer,
  attempts: r.attempts,
  deliveredAt: r.delivered_at,
  acknowledgedAt: r.acknowledged_at,
  resolvedAt: r.resolved_at,
  leadNote: r.lead_note,
  updatedAt: r.updated_at,
});

/** Escalations and refused team messages (migration 012). */
export class EscalationsRepo {
  constructor(private readonly db: Db) {}

  /** Inserts one (false: that id is known already, e.g. the same escalation delivered twice). */
  insert(p: EscalationPayload, direction: 'out' | 'in', status: EscalationStatus, peer: string, now: number): boolean {
    return (
      this.db
        .prepare(
          `INSERT INTO escalations (id, direction, payload, urgency, status, peer, created_at, delivered_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO NOTHING`,
        )
        .run(p.id, direction, JSON.stringify(p), URGENCY[p.reason], status, peer, p.createdAt, status === 'queued' ? null : now, now).changes === 1
    );
  }

  get(id: string): Escalation | undefined {
    const row = this.db.prepare('SELECT * FROM escalations WHERE id = ?').get(id) as Row | undefined;
    return row && toEscalation(row);
  }

  /** A send attempt to `peer`: delivered (its desk answered 200) or still queued. */
  attempted(id: string, peer: string, delivered: boolean, now: number): void {
    this.db
      .prepare(
        `UPDATE escalations SET attempts = attempts + 1, peer = ?, updated_at = ?,
           status = CASE WHEN ? AND status = 'queued' THEN 'delivered' ELSE status END,
           delivered_at = CASE WHEN ? THEN ? ELSE delivered_at END
         WHERE id = ?`,
      )
      .run(peer, now, Number(delivered), Number(delivered), now, id);
  }

  /** Moves an escalation forward (never back: an acknowledgement arriving after "resolved" changes nothing). */
  advance(id: string, status: 'acknowledged' | 'resolved', at: number, note: string | undefined): boolean {
    const order = status === 'acknowledged' ? "('queued', 'delivered')" : "('queued', 'delivered', 'acknowledged')";
    const column = status === 'acknowledged' ? 'acknowledged_at' : 'resolved_at';
    return (
      this.db
        .prepare(
          `UPDATE escalations SET status = ?, ${column} = ?, acknowledged_at = COALESCE(acknowledged_at, ?), lead_note = COALESCE(?, lead_note), updated_at = ?
           WHERE id = ? AND status IN ${order}`,
        )
        .run(status, at, at, note ?? null, at, id).changes === 1
    );
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Keeps the acknowledgement this (lead's) desk sent for a received escalation, the latest one. */
  storeAck(ack: AckPayload): void {
    this.db.prepare("UPDATE escalations SET ack = ? WHERE id = ? AND direction = 'in'").run(JSON.stringify(ack), ack.id);
  }

  /** The acknowledgement last sent for a received escalation, if any. */
  ack(id: string): AckPayload | null {
    const row = this.db.prepare("SELECT ack FROM escalations WHERE id = ? AND direction = 'in'").get(id) as { ack: string | null } | undefined;
    return row?.ack ? (JSON.parse(row.ack) as AckPayload) : null;
  }

  /** Newest 200 of one direction: open ones first by urgency, then by time. */
  list(direction: 'out' | 'in'): Escalation[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM escalations WHERE direction = ?
         ORDER BY status IN ('acknowledged', 'resolved'), status = 'resolved', urgency DESC, created_at DESC LIMIT 200`,
      )
      .all(direction) as Row[];
    return rows.map(toEscalation);
  }

  refused(from: string, code: number, reason: string, at: number): void {
    this.db.prepare('INSERT INTO message_refusals (at, from_user, code, reason) VALUES (?, ?, ?, ?)').run(at, from, code, reason);
  }

  refusals(limit: number): { at: number; from: string; code: number; reason: string }[] {
    return this.db.prepare('SELECT at, from_user AS "from", code, reason FROM message_refusals ORDER BY at DESC, id DESC LIMIT ?').all(limit) as {
      at: number;
      from: string;
      code: number;
      reason: string;
    }[];
  }
}
