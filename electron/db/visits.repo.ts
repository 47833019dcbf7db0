import type { Statement } from 'better-sqlite3';
import type { Checklist } from '../../shared/call-script.js';
import type { ComplianceOverride, LogOverride } from '../../shared/compliance.js';
import { indexText, matchQuery } from '../../shared/text-index.js';
import type { AuditEntry, EventStatus, LinkedArticle, OpenVisit, SubmitEvent, Visit, VisitEvent, VisitFields, VisitReport } from '../../shared/visits.js';
import type { Db } from './database.js';

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
  endedAt: 'ended_at',
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

/** Visits, their audit trail, drafts, deadlines (deadlines.repo.ts) and the free-text index (migration 004). */
export class VisitsRepo {
  private readonly insertVisit: Statement;
  private readonly byId: Statement<[number], VisitRow>;
  private readonly byCallId: Statement<[string], VisitRow>;
  private readonly ftsDelete: Statement<[number]>;
  private readonly ftsInsert: Statement<[number, string]>;
  private readonly auditInsert: Statement<[number, number, string, string]>;
  private readonly auditList: Statement<[number], { at: number; actor: string; change: string }>;
  private readonly draftPut: Statement<[number, string, number]>;
  private readonly draftGet: Statement<[number], { fields: string; saved_at: number }>;
  private readonly draftDelete: Statement<[number]>;

  constructor(private readonly db: Db) {
    this.insertVisit = db.prepare(`
      INSERT INTO visits (channel, direction, customer_number, customer_name, started_at, answered_at, owner, call_id, linked_visit_id, created_at, updated_at)
      VALUES (@channel, @direction, @customerNumber, @customerName, @startedAt, @answeredAt, @owner, @callId, @linkedVisitId, @now, @now)`);
    this.byId = db.prepare('SELECT * FROM visits WHERE id = ?');
    this.byCallId = db.prepare('SELECT * FROM visits WHERE call_id = ?');
    this.ftsDelete = db.prepare('DELETE FROM visits_fts WHERE rowid = ?');
    this.ftsInsert = db.prepare('INSERT INTO visits_fts (rowid, tokens) VALUES (?, ?)');
    this.auditInsert = db.prepare('INSERT INTO visit_audit (visit_id, at, actor, change) VALUES (?, ?, ?, ?)');
    this.auditList = db.prepare('SELECT at, actor, change FROM visit_audit WHERE visit_id = ? ORDER BY at, id');
    this.draftPut = db.prepare(
      'INSERT INTO visit_drafts (visit_id, fields, saved_at) VALUES (?, ?, ?) ON CONFLICT (visit_id) DO UPDATE SET fields = excluded.fields, saved_at = excluded.saved_at',
    );
    this.draftGet = db.prepare('SELECT fields, saved_at FROM visit_drafts WHERE visit_id = ?');
    this.draftDelete = db.prepare('DELETE FROM visit_drafts WHERE visit_id = ?');
  }

  /** Statements built from the fixed column whitelist: a handful of shapes, prepared once each. */
  private readonly statements = new Map<string, Statement>();
  private cached(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

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

  /** Writes the changed fields and bumps updated_at; the caller runs it in a transaction with the audit row. */
  update(id: number, fields: Partial<VisitFields>, now: number): Visit {
    const keys = Object.keys(fields) as (keyof VisitFields)[];
    const sets = keys.map((k) => `${COLUMNS[k]} = @${k}`);
    const values: Record<string, unknown> = { id, now };
    for (const k of keys) values[k] = k === 'tags' ? JSON.stringify(fields.tags) : fields[k];
    this.cached(`UPDATE visits SET ${[...sets, 'updated_at = @now'].join(', ')} WHERE id = @id`).run(values);
    const visit = this.get(id)!;
    this.reindex(visit);
    return visit;
  }

  private reindex(v: Visit): void {
    this.ftsDelete.run(v.id);
    this.ftsInsert.run(v.id, visitTokens(v));
  }

  addAudit(visitId: number, at: number, actor: string, change: AuditEntry['change']): void {
    this.auditInsert.run(visitId, at, actor, JSON.stringify(change));
  }

  audit(visitId: number): AuditEntry[] {
    return this.auditList.all(visitId).map((r) => ({ at: r.at, actor: r.actor, change: JSON.parse(r.change) as AuditEntry['change'] }));
  }

  putDraft(visitId: number, fields: Record<string, unknown>, at: number): void {
    this.draftPut.run(visitId, JSON.stringify(fields), at);
  }

  draft(visitId: number): { fields: Record<string, unknown>; savedAt: number } | null {
    const row = this.draftGet.get(visitId);
    return row ? { fields: JSON.parse(row.fields) as Record<string, unknown>, savedAt: row.saved_at } : null;
  }

  dropDraft(visitId: number): void {
    this.draftDelete.run(visitId);
  }

  addEvent(e: SubmitEvent, by: string, now: number): VisitEvent {
    const { lastInsertRowid } = this.cached(
      'INSERT INTO visit_events (visit_id, department, description, due_at, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(e.visitId, e.department, e.description, e.dueAt, by, now, now);
    return this.event(Number(lastInsertRowid))!;
  }

  event(id: number): VisitEvent | undefined {
    const row = this.cached('SELECT * FROM visit_events WHERE id = ?').get(id) as EventRow | undefined;
    return row ? toEvent(row) : undefined;
  }

  setEventStatus(id: number, status: EventStatus, now: number): void {
    this.cached('UPDATE visit_events SET status = ?, updated_at = ? WHERE id = ?').run(status, now, id);
  }

  events(visitId: number): VisitEvent[] {
    return (this.cached('SELECT * FROM visit_events WHERE visit_id = ? ORDER BY created_at, id').all(visitId) as EventRow[]).map(toEvent);
  }

  /** Links an article (false: it was linked already). */
  linkArticle(visitId: number, articleId: string, title: string, by: string, at: number): boolean {
    return (
      this.cached('INSERT INTO visit_articles (visit_id, article_id, title, linked_by, linked_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING').run(visitId, articleId, title, by, at)
        .changes === 1
    );
  }

  /** Unlinks an article; its title as linked, or undefined when it was not linked. */
  unlinkArticle(visitId: number, articleId: string): string | undefined {
    const row = this.cached('DELETE FROM visit_articles WHERE visit_id = ? AND article_id = ? RETURNING title').get(visitId, articleId) as { title: string } | undefined;
    return row?.title;
  }

  articles(visitId: number): LinkedArticle[] {
    return this.cached('SELECT article_id AS articleId, title, linked_by AS linkedBy, linked_at AS linkedAt FROM visit_articles WHERE visit_id = ? ORDER BY linked_at, article_id').all(visitId) as LinkedArticle[];
  }

  setChecklist(visitId: number, list: Checklist, at: number): void {
    const bit = (b: boolean | null) => (b === null ? null : Number(b));
    this.cached(
      `INSERT INTO visit_checklists (visit_id, greeting, waiting, confirmed, closing, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (visit_id) DO UPDATE SET greeting = excluded.greeting, waiting = excluded.waiting, confirmed = excluded.confirmed, closing = excluded.closing, updated_at = excluded.updated_at`,
    ).run(visitId, bit(list.greeting), bit(list.waiting), bit(list.confirmed), bit(list.closing), at);
  }

  checklist(visitId: number): Checklist | null {
    const row = this.cached('SELECT greeting, waiting, confirmed, closing FROM visit_checklists WHERE visit_id = ?').get(visitId) as Record<keyof Checklist, number | null> | undefined;
    return row ? { greeting: row.greeting === 1, waiting: row.waiting === null ? null : row.waiting === 1, confirmed: row.confirmed === 1, closing: row.closing === 1 } : null;
  }

  addOverride(o: LogOverride, agent: string, at: number): ComplianceOverride {
    const { id } = this.cached('INSERT INTO compliance_overrides (visit_id, at, agent, field, findings, reason) VALUES (?, ?, ?, ?, ?, ?) RETURNING id').get(
      o.visitId,
      at,
      agent,
      o.field,
      JSON.stringify(o.findings),
      o.reason,
    ) as { id: number };
    return { ...o, id, at, agent };
  }

  overrides(visitId: number): ComplianceOverride[] {
    const rows = this.cached('SELECT id, visit_id AS visitId, at, agent, field, findings, reason FROM compliance_overrides WHERE visit_id = ? ORDER BY at, id').all(visitId) as (Omit<ComplianceOverride, 'findings'> & {
      findings: string;
    })[];
    return rows.map((r) => ({ ...r, findings: JSON.parse(r.findings) as ComplianceOverride['findings'] }));
  }

  /** Every visit started in [from, to), oldest first, read lazily (exports). */
  *inPeriod(from: number, to: number): Generator<Visit> {
    for (const row of this.cached('SELECT * FROM visits WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id').iterate(from, to)) yield toVisit(row as VisitRow);
  }

  /**
   * Volumes and rates for [from, to): the daily / weekly report (R-STATS-WEEKLY). One pass over the
   * period through the time index, aggregated here: five GROUP BY queries cost five scans.
   */
  report(from: number, to: number): VisitReport {
    const rows = this.cached(
      'SELECT channel, direction, category, status, owner, started_at, answered_at, ended_at FROM visits INDEXED BY visits_by_time WHERE started_at >= ? AND started_at < ?',
    ).raw(true);
    const byChannel: Record<string, number> = {};
    const byCategory: Record<string, number> = {};
    const byOwner: Record<string, number> = {};
    const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
    let total = 0;
    let complaints = 0;
    let openComplaints = 0;
    let inbound = 0;
    let answered = 0;
    let within15 = 0;
    let handleSum = 0;
    let handled = 0;
    for (const r of rows.iterate(from, to) as Iterable<[string, string, string | null, string, string, number, number | null, number | null]>) {
      const [channel, direction, category, status, owner, startedAt, answeredAt, endedAt] = r;
      total++;
      bump(byChannel, channel);
      bump(byCategory, category ?? '');
      bump(byOwner, owner);
      if (category === 'complaint') {
        complaints++;
        if (status !== 'resolved' && status !== 'closed') openComplaints++;
      }
      if (direction === 'inbound') {
        inbound++;
        if (answeredAt !== null) {
          answered++;
          if (answeredAt - startedAt <= 15_000) within15++;
        }
      }
      if (answeredAt !== null && endedAt !== null) {
        handleSum += endedAt - answeredAt;
        handled++;
      }
    }
    return {
      from,
      to,
      total,
      byChannel,
      byCategory,
      byOwner,
      complaints: { total: complaints, open: openComplaints },
      inbound: { total: inbound, answered, answeredWithin15s: within15 },
      meanHandleMs: handled === 0 ? null : Math.round(handleSum / handled),
      meanWrapUpMs: this.meanWrapUp(from, to),
      script: this.scriptStats(from, to),
    };
  }

  /** How the per-call checklists of the period's visits came out, and the compliance overrides logged. */
  private scriptStats(from: number, to: number): VisitReport['script'] {
    const row = this.cached(
      `SELECT COUNT(*) AS calls, TOTAL(c.greeting) AS greeting, TOTAL(c.waiting IS NOT NULL) AS held, TOTAL(c.waiting) AS waiting,
              TOTAL(c.confirmed) AS confirmed, TOTAL(c.closing) AS closing
       FROM visits v INDEXED BY visits_by_time JOIN visit_checklists c ON c.visit_id = v.id WHERE v.started_at >= ? AND v.started_at < ?`,
    ).get(from, to) as Omit<VisitReport['script'], 'overrides'>;
    const { overrides } = this.cached('SELECT COUNT(*) AS overrides FROM compliance_overrides WHERE at >= ? AND at < ?').get(from, to) as { overrides: number };
    return { ...row, overrides };
  }

  /**
   * Mean time in wrap-up for wrap-ups begun in [from, to): from the agent state log (migration 002),
   * each wrap-up lasting until the desk's next state change; one still running is not counted.
   */
  private meanWrapUp(from: number, to: number): number | null {
    const row = this.cached(
      `SELECT AVG(next_at - at) AS mean FROM (
         SELECT status, at, LEAD(at) OVER (ORDER BY at, id) AS next_at FROM agent_state_log WHERE at >= ?
       ) WHERE status = 'wrap-up' AND at < ? AND next_at IS NOT NULL`,
    ).get(from, to) as { mean: number | null };
    return row.mean === null ? null : Math.round(row.mean);
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
    const rows = this.cached(`SELECT v.* FROM ${source} ${clause} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as VisitRow[];
    const { n } = this.cached(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${source} ${clause} LIMIT ${COUNT_CAP + 1})`).get(params) as { n: number };
    return { items: rows.map(toVisit), total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
  }
}

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
