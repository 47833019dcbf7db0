import type { Checklist } from '../../shared/call-script.js';
import type { ComplianceOverride, LogOverride } from '../../shared/compliance.js';
import { StatementCache } from './statement-cache.js';
import type { Db } from './database.js';

/** Per-call script checklists and compliance overrides (migration 010). */
export class CallScriptRepo {
  private readonly sql: StatementCache;

  constructor(db: Db) {
    this.sql = new StatementCache(db);
  }

  setChecklist(visitId: number, list: Checklist, at: number): void {
    const bit = (b: boolean | null) => (b === null ? null : Number(b));
    this.sql.get(
      `INSERT INTO visit_checklists (visit_id, greeting, waiting, confirmed, closing, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (visit_id) DO UPDATE SET greeting = excluded.greeting, waiting = excluded.waiting, confirmed = excluded.confirmed, closing = excluded.closing, updated_at = excluded.updated_at`,
    ).run(visitId, bit(list.greeting), bit(list.waiting), bit(list.confirmed), bit(list.closing), at);
  }

  checklist(visitId: number): Checklist | null {
    const row = this.sql.get('SELECT greeting, waiting, confirmed, closing FROM visit_checklists WHERE visit_id = ?').get(visitId) as Record<keyof Checklist, number | null> | undefined;
    return row ? { greeting: row.greeting === 1, waiting: row.waiting === null ? null : row.waiting === 1, confirmed: row.confirmed === 1, closing: row.closing === 1 } : null;
  }

  addOverride(o: LogOverride, agent: string, at: number): ComplianceOverride {
    const { id } = this.sql.get('INSERT INTO compliance_overrides (visit_id, at, agent, field, findings, reason) VALUES (?, ?, ?, ?, ?, ?) RETURNING id').get(
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
    const rows = this.sql.get('SELECT id, visit_id AS visitId, at, agent, field, findings, reason FROM compliance_overrides WHERE visit_id = ? ORDER BY at, id').all(visitId) as (Omit<ComplianceOverride, 'findings'> & {
      findings: string;
    })[];
    return rows.map((r) => ({ ...r, findings: JSON.parse(r.findings) as ComplianceOverride['findings'] }));
  }
}
