import type { Statement } from 'better-sqlite3';
import { indexText, matchQuery } from '../../shared/text-index.js';
import type { OpenVisit, Visit, VisitFields } from '../../shared/visits.js';
import type { Db } from './database.js';
import { StatementCache } from './statement-cache.js';

interface VisitRow {
  id: number;
  channel: Visit['channel'];
  direction: Visit['direction'];
  customer_number: string;
  customer_name: string;
  contact: string;
  started_at: number;
  answered_at: number | null;
  ended_at: number | null;
  category: string | null;
  description: string;
  resolution: string;
  status: Visit['status'];
  complexity: Visit['complexity'];
  owner: string;
  tags: string;
  call_id: string | null;
  linked_visit_id: number | null;
  created_at: number;
  updated_at: number;
}

const toVisit = (r: VisitRow): Visit => ({
  id: r.id,
  channel: r.channel,
  direction: r.direction,
  customerNumber: r.customer_number,
  customerName: r.customer_name,
  contact: r.contact,
  startedAt: r.started_at,
  answeredAt: r.answered_at,
  endedAt: r.ended_at,
  category: r.category,
  description: r.description,
  resolution: r.resolution,
  status: r.status,
  complexity: r.complexity,
  owner: r.owner,
  tags: JSON.parse(r.tags) as string[],
  callId: r.call_id,
  linkedVisitId: r.linked_visit_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Editable field → column. Only these columns can ever appear in an UPDATE. */
const COLUMNS: Record<keyof VisitFields, string> = {
  customerName: 'customer_name',
  contact: 'contact',
  category: 'category',
  description: 'description',
  resolution: 'resolution',
  status: 'status',
  complexity: 'complexity',
  tags: 'tags',
};

export interface VisitFilter {
  readonly text?: string | undefined;
  /** Number prefix (uses the index), or the exact number with `exactNumber`. */
  readonly customerNumber?: string | undefined;
  readonly exactNumber?: boolean | undefined;
  readonly category?: string | undefined;
  readonly status?: Visit['status'] | undefined;
  readonly owner?: string | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

/** Totals above this are reported as "more than" rather than counted (counting 1M rows is slow). */
export const COUNT_CAP = 1_000;

/** The free text of a visit as its visits_fts row holds it. */
export const visitTokens = (v: Pick<Visit, 'customerName' | 'contact' | 'description' | 'resolution' | 'tags'>): string =>
  indexText(v.customerName, v.contact, v.description, v.resolution, v.tags.join(' '));

/**
 * Visits and their free-text index (migration 004). The visit's other parts have their own
 * repositories (audit, drafts, events, articles, call script, reports), gathered in visit-stores.ts.
 */
export class VisitsRepo {
  private readonly insertVisit: Statement;
  private readonly byId: Statement<[number], VisitRow>;
  private readonly byCallId: Statement<[string], VisitRow>;
  private readonly ftsDelete: Statement<[number]>;
  private readonly ftsInsert: Statement<[number, string]>;

  constructor(db: Db) {
    this.sql = new StatementCache(db);
    this.insertVisit = db.prepare(`
      INSERT INTO visits (channel, direction, customer_number, customer_name, started_at, answered_at, ended_at, owner, call_id, linked_visit_id, created_at, updated_at)
      VALUES (@channel, @direction, @customerNumber, @customerName, @startedAt, @answeredAt, @endedAt, @owner, @callId, @linkedVisitId, @now, @now)`);
    this.byId = db.prepare('SELECT * FROM visits WHERE id = ?');
    this.byCallId = db.prepare('SELECT * FROM visits WHERE call_id = ?');
    this.ftsDelete = db.prepare('DELETE FROM visits_fts WHERE rowid = ?');
    this.ftsInsert = db.prepare('INSERT INTO visits_fts (rowid, tokens) VALUES (?, ?)');
  }

  /** Statements built from the fixed column whitelist: a handful of shapes, prepared once each. */
  private readonly sql: StatementCache;

  /** Inserts the visit, or returns the one already opened for this call id. */
  open(input: OpenVisit, owner: string, now: number): { visit: Visit; created: boolean } {
    const existing = input.callId ? this.byCallId.get(input.callId) : undefined;
    if (existing) return { visit: toVisit(existing), created: false };
    const { lastInsertRowid } = this.insertVisit.run({
      channel: input.channel,
      direction: input.direction,
      customerNumber: input.customerNumber,
      customerName: input.customerName ?? '',
      startedAt: input.startedAt,
      answeredAt: input.answeredAt ?? null,
      endedAt: input.endedAt ?? null,
      owner,
      callId: input.callId ?? null,
      linkedVisitId: input.linkedVisitId ?? null,
      now,
    });
    const visit = this.get(Number(lastInsertRowid))!;
    this.reindex(visit);
    return { visit, created: true };
  }

  get(id: number): Visit | undefined {
    const row = this.byId.get(id);
    return row ? toVisit(row) : undefined;
  }

  /**
   * Records when the call behind a visit ended, once (a later report of the same end changes
   * nothing). Not an edit of the form: updated_at stays, so a form open meanwhile still saves.
   */
  setEndedAt(id: number, endedAt: number): boolean {
    return this.sql.get('UPDATE visits SET ended_at = ? WHERE id = ? AND ended_at IS NULL').run(endedAt, id).changes === 1;
  }

  /** Writes the changed fields and bumps updated_at; the caller runs it in a transaction with the audit row. */
  update(id: number, fields: Partial<VisitFields>, now: number): Visit {
    const keys = Object.keys(fields) as (keyof VisitFields)[];
    const sets = keys.map((k) => `${COLUMNS[k]} = @${k}`);
    const values: Record<string, unknown> = { id, now };
    for (const k of keys) values[k] = k === 'tags' ? JSON.stringify(fields.tags) : fields[k];
    this.sql.get(`UPDATE visits SET ${[...sets, 'updated_at = @now'].join(', ')} WHERE id = @id`).run(values);
    const visit = this.get(id)!;
    this.reindex(visit);
    return visit;
  }

  private reindex(v: Visit): void {
    this.ftsDelete.run(v.id);
    this.ftsInsert.run(v.id, visitTokens(v));
  }

  /** Every visit started in [from, to), oldest first, read lazily (exports). */
  *inPeriod(from: number, to: number): Generator<Visit> {
    for (const row of this.sql.get('SELECT * FROM visits WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id').iterate(from, to)) yield toVisit(row as VisitRow);
  }

  /**
   * Newest first, paged; `total` is exact up to COUNT_CAP. With free text the FTS index drives the
   * query in rowid order (most recently recorded first: visits are recorded as they happen), so a
   * common word never sorts its whole posting list; the other filters apply to each candidate.
   */
  list(filter: VisitFilter, offset: number, limit: number): { items: Visit[]; total: number; totalCapped: boolean } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.customerNumber) {
      where.push(filter.exactNumber ? 'v.customer_number = @number' : "v.customer_number >= @number AND v.customer_number < @number || char(1114111)");
      params['number'] = filter.customerNumber;
    }
    for (const [key, column] of [
      ['category', 'v.category'],
      ['status', 'v.status'],
      ['owner', 'v.owner'],
    ] as const) {
      if (filter[key] !== undefined) {
        where.push(`${column} = @${key}`);
        params[key] = filter[key];
      }
    }
    if (filter.from !== undefined) {
      where.push('v.started_at >= @from');
      params['from'] = filter.from;
    }
    if (filter.to !== undefined) {
      where.push('v.started_at < @to');
      params['to'] = filter.to;
    }
    let source = 'visits v';
    let order = 'v.started_at DESC, v.id DESC';
    if (filter.text !== undefined) {
      const match = matchQuery(filter.text);
      if (match === null) return { items: [], total: 0, totalCapped: false };
      source = 'visits_fts f JOIN visits v ON v.id = f.rowid';
      where.unshift('visits_fts MATCH @match');
      order = 'f.rowid DESC';
      params['match'] = match;
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const rows = this.sql.get(`SELECT v.* FROM ${source} ${clause} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as VisitRow[];
    const { n } = this.sql.get(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${source} ${clause} LIMIT ${COUNT_CAP + 1})`).get(params) as { n: number };
    return { items: rows.map(toVisit), total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
  }
}
