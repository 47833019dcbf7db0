import type { RecordingInfo } from '../../shared/recording.js';
import type { Db } from './database.js';

interface Row {
  id: number;
  visit_id: number | null;
  number: string;
  started_at: number;
  ended_at: number | null;
  bytes: number;
}

const toInfo = (r: Row): RecordingInfo => ({ id: r.id, visitId: r.visit_id, number: r.number, startedAt: r.started_at, endedAt: r.ended_at, bytes: r.bytes });

/** Call recordings' rows (migration 021); the audio itself is a file per row (recordings.service.ts). */
export class RecordingsRepo {
  private readonly insert;
  private readonly readOne;
  private readonly grow;
  private readonly close;
  private readonly byVisit;
  private readonly olderThan;
  private readonly drop;

  constructor(db: Db) {
    this.insert = db.prepare<[string, number, number | null]>('INSERT INTO recordings (number, started_at, visit_id) VALUES (?, ?, ?)');
    this.readOne = db.prepare<[number], Row>('SELECT * FROM recordings WHERE id = ?');
    this.grow = db.prepare<[number, number]>('UPDATE recordings SET bytes = bytes + ? WHERE id = ? AND ended_at IS NULL');
    this.close = db.prepare<[number, number]>('UPDATE recordings SET ended_at = ? WHERE id = ? AND ended_at IS NULL');
    this.byVisit = db.prepare<[number], Row>('SELECT * FROM recordings WHERE visit_id = ? ORDER BY started_at, id');
    this.olderThan = db.prepare<[number], Row>('SELECT * FROM recordings WHERE started_at < ?');
    this.drop = db.prepare<[number]>('DELETE FROM recordings WHERE id = ?');
  }

  start(number: string, at: number, visitId: number | null): RecordingInfo {
    return this.get(Number(this.insert.run(number, at, visitId).lastInsertRowid))!;
  }

  get(id: number): RecordingInfo | null {
    const row = this.readOne.get(id);
    return row ? toInfo(row) : null;
  }

  grew(id: number, bytes: number): void {
    this.grow.run(bytes, id);
  }

  ended(id: number, at: number): RecordingInfo | null {
    this.close.run(at, id);
    return this.get(id);
  }

  forVisit(visitId: number): RecordingInfo[] {
    return this.byVisit.all(visitId).map(toInfo);
  }

  startedBefore(at: number): RecordingInfo[] {
    return this.olderThan.all(at).map(toInfo);
  }

  remove(id: number): void {
    this.drop.run(id);
  }
}
