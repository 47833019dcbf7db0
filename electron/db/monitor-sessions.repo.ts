import type { MonitorMode, MonitorRecord, MonitorStart } from '../../shared/monitoring.js';
import type { Db } from './database.js';

interface Row {
  id: number;
  side: 'lead' | 'agent';
  peer: string;
  peer_name: string | null;
  modes: string;
  started_at: number;
  ended_at: number | null;
  visit_id: number | null;
}

/** Monitoring legs kept for the spot checks (migration 020). */
export class MonitorSessionsRepo {
  private readonly insert;
  private readonly readOne;
  private readonly writeModes;
  private readonly close;
  private readonly recentRows;

  constructor(db: Db) {
    this.insert = db.prepare<[string, string, string | null, string, number, number | null]>('INSERT INTO monitor_sessions (side, peer, peer_name, modes, started_at, visit_id) VALUES (?, ?, ?, ?, ?, ?)');
    this.readOne = db.prepare<[number], Row>('SELECT * FROM monitor_sessions WHERE id = ?');
    this.writeModes = db.prepare<[string, number]>('UPDATE monitor_sessions SET modes = ? WHERE id = ? AND ended_at IS NULL');
    this.close = db.prepare<[number, number]>('UPDATE monitor_sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL');
    this.recentRows = db.prepare<[number], Row>('SELECT * FROM monitor_sessions ORDER BY started_at DESC, id DESC LIMIT ?');
  }

  start(s: MonitorStart): MonitorRecord {
    const id = Number(this.insert.run(s.side, s.peer, s.peerName ?? null, JSON.stringify([{ mode: s.mode, at: s.at }]), s.at, s.visitId ?? null).lastInsertRowid);
    return this.get(id)!;
  }

  /** A mode switch of a leg still open; null when there is no such leg. */
  changed(id: number, mode: MonitorMode, at: number): MonitorRecord | null {
    const current = this.get(id);
    if (!current || current.endedAt !== null) return null;
    this.writeModes.run(JSON.stringify([...current.modes, { mode, at }]), id);
    return this.get(id);
  }

  ended(id: number, at: number): MonitorRecord | null {
    this.close.run(at, id);
    return this.get(id);
  }

  recent(limit: number): MonitorRecord[] {
    return this.recentRows.all(limit).map(toRecord);
  }

  private get(id: number): MonitorRecord | null {
    const row = this.readOne.get(id);
    return row ? toRecord(row) : null;
  }
}

const toRecord = (r: Row): MonitorRecord => ({
  id: r.id,
  side: r.side,
  peer: r.peer,
  peerName: r.peer_name,
  modes: JSON.parse(r.modes) as MonitorRecord['modes'],
  startedAt: r.started_at,
  endedAt: r.ended_at,
  visitId: r.visit_id,
});
