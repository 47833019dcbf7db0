import type { DeskLogEntry, DeskLogKind } from '../../shared/desk-log.js';
import type { Db } from './database.js';

interface Row {
  id: number;
  at: number;
  actor: string;
  kind: DeskLogKind;
  detail: string;
}

/** The desk's audit log (migration 014): append and read, never edited. */
export class DeskLogRepo {
  private readonly insert;
  private readonly byKind;
  private readonly latest;

  constructor(db: Db) {
    this.insert = db.prepare<[number, string, string, string]>('INSERT INTO desk_log (at, actor, kind, detail) VALUES (?, ?, ?, ?)');
    this.byKind = db.prepare<[string, number], Row>('SELECT * FROM desk_log WHERE kind = ? ORDER BY at DESC, id DESC LIMIT ?');
    this.latest = db.prepare<[number], Row>('SELECT * FROM desk_log ORDER BY at DESC, id DESC LIMIT ?');
  }

  append(at: number, actor: string, kind: DeskLogKind, detail: Readonly<Record<string, unknown>>): DeskLogEntry {
    const id = Number(this.insert.run(at, actor, kind, JSON.stringify(detail)).lastInsertRowid);
    return { id, at, actor, kind, detail };
  }

  list(kind: DeskLogKind | undefined, limit: number): DeskLogEntry[] {
    const rows = kind ? this.byKind.all(kind, limit) : this.latest.all(limit);
    return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, kind: r.kind, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }
}
