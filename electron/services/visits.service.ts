import type { SetChecklist } from '../../shared/call-script.js';
import type { ComplianceOverride, LogOverride } from '../../shared/compliance.js';
import { detectMassIncidents, type MassIncident } from '../../shared/mass-incident.js';
import { AppError, ErrorCode } from '../../shared/result.js';
import {
  ListVisitsSchema,
  VisitFieldsSchema,
  type LinkArticle,
  type LinkedArticle,
  type ListVisits,
  type OpenVisit,
  type Visit,
  type VisitDetail,
  type EventStatus,
  type SubmitEvent,
  type VisitEvent,
  type VisitFields,
  type VisitReport,
} from '../../shared/visits.js';
import type { VisitsRepo } from '../db/visits.repo.js';
import type { DeadlinesService } from './deadlines.service.js';
import type { SettingsService } from './settings.service.js';
import { exportVisits, type ExportFormat } from './visit-export.js';

/** Who is at the desk (for 首问责任制 ownership and the audit trail). */
export type CurrentAgent = () => string;

export interface Clock {
  readonly now: () => number;
  /** Minutes behind UTC at that instant, as Date#getTimezoneOffset gives it. */
  readonly tzOffset: (at: number) => number;
}

const systemClock: Clock = { now: Date.now, tzOffset: (at) => new Date(at).getTimezoneOffset() };

/**
 * The visit log's rules, over the repository: every change is validated (field-level errors), written
 * with its audit row, its index entry and its deadlines in one transaction, so nothing half-written
 * reaches the database. The draft being typed is stored separately and dropped when the form is saved.
 */
export class VisitsService {
  constructor(
    private readonly repo: VisitsRepo,
    private readonly settings: SettingsService,
    private readonly agent: CurrentAgent,
    private readonly deadlines: DeadlinesService,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Opens the visit for a call (idempotent per call id), owned by the agent who took it. */
  open(input: OpenVisit): Visit {
    return this.repo.transaction(() => {
      const now = this.clock.now();
      const { visit, created } = this.repo.open(input, this.agent(), now);
      if (created) this.syncDeadlines(visit, now);
      return visit;
    });
  }

  get(id: number): VisitDetail {
    const visit = this.require(id);
    return {
      visit,
      draft: this.repo.draft(id),
      audit: this.repo.audit(id),
      deadlines: this.deadlines.forVisit(id),
      events: this.repo.events(id),
      articles: this.repo.articles(id),
      checklist: this.repo.checklist(id),
      overrides: this.repo.overrides(id),
    };
  }

  /** The call's script checklist as it stands (ticked from the phrase panel while the call runs). */
  setChecklist(input: SetChecklist): void {
    this.repo.transaction(() => {
      this.require(input.visitId);
      this.repo.setChecklist(input.visitId, input.checklist, this.clock.now());
    });
  }

  /** A reply recorded or sent despite a high-severity finding: kept with the agent's reason. */
  logOverride(input: LogOverride): ComplianceOverride {
    return this.repo.transaction(() => {
      if (input.visitId !== null) this.require(input.visitId);
      return this.repo.addOverride(input, this.agent(), this.clock.now());
    });
  }

  update(id: number, fields: Partial<VisitFields>, expectedUpdatedAt?: number): Visit {
    const parsed = VisitFieldsSchema.partial().safeParse(fields);
    if (!parsed.success) {
      const errors = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
      throw new AppError(ErrorCode.BadArguments, 'invalid visit fields', errors);
    }
    const clean = parsed.data;
    const categories = this.settings.get().visitCategories; // read once per save (a SQLite read + schema parse)
    if (clean.category != null && !categories.some((c) => c.id === clean.category)) {
      throw new AppError(ErrorCode.BadArguments, `unknown category ${clean.category}`, { category: 'unknown category' });
    }
    return this.repo.transaction(() => {
      const before = this.require(id);
      if (expectedUpdatedAt !== undefined && before.updatedAt !== expectedUpdatedAt) {
        throw new AppError(ErrorCode.Forbidden, 'the visit was changed elsewhere; reload it before saving');
      }
      const change: Record<string, readonly [unknown, unknown]> = {};
      for (const [key, value] of Object.entries(clean) as [keyof VisitFields, unknown][]) {
        if (JSON.stringify(before[key]) !== JSON.stringify(value)) change[key] = [before[key], value];
      }
      const now = this.clock.now();
      this.repo.dropDraft(id);
      if (Object.keys(change).length === 0) return before;
      const changedFields = Object.fromEntries(Object.keys(change).map((k) => [k, clean[k as keyof VisitFields]])) as Partial<VisitFields>;
      const after = this.repo.update(id, changedFields, Math.max(now, before.updatedAt + 1));
      this.repo.addAudit(id, now, this.agent(), change);
      this.syncDeadlines(after, now, categories);
      return after;
    });
  }

  /**
   * Hands part of a visit to another department (R-EVENT): the event is recorded and the visit becomes
   * "pending another department" (audited) until every event's answer has reached the customer.
   */
  submitEvent(input: SubmitEvent): VisitEvent {
    return this.repo.transaction(() => {
      const visit = this.require(input.visitId);
      const now = this.clock.now();
      if (input.dueAt <= now) throw new AppError(ErrorCode.BadArguments, 'the due time must be in the future', { dueAt: 'must be in the future' });
      const event = this.repo.addEvent(input, this.agent(), now);
      this.deadlines.syncEvent(event, now);
      this.repo.addAudit(visit.id, now, this.agent(), { event: [null, `${input.department}: ${input.description}`] });
      if (visit.status === 'open') this.setStatus(visit, 'pending-department', now);
      return event;
    });
  }

  /** Links a knowledge article the agent answered from (audited; linking twice changes nothing). */
  linkArticle(input: LinkArticle): LinkedArticle[] {
    return this.repo.transaction(() => {
      this.require(input.visitId);
      const now = this.clock.now();
      if (this.repo.linkArticle(input.visitId, input.articleId, input.title, this.agent(), now)) {
        this.repo.addAudit(input.visitId, now, this.agent(), { [`article ${input.articleId}`]: [null, input.title] });
      }
      return this.repo.articles(input.visitId);
    });
  }

  unlinkArticle(input: { visitId: number; articleId: string }): LinkedArticle[] {
    return this.repo.transaction(() => {
      this.require(input.visitId);
      const title = this.repo.unlinkArticle(input.visitId, input.articleId);
      if (title !== undefined) this.repo.addAudit(input.visitId, this.clock.now(), this.agent(), { [`article ${input.articleId}`]: [title, null] });
      return this.repo.articles(input.visitId);
    });
  }

  /** Moves an event on; once every event of the visit has reached the customer, the visit is open again. */
  setEventStatus(id: number, status: EventStatus): VisitEvent {
    return this.repo.transaction(() => {
      const event = this.repo.event(id);
      if (!event) throw new AppError(ErrorCode.NotFound, `no event ${id}`);
      const now = this.clock.now();
      this.repo.setEventStatus(id, status, now);
      this.deadlines.syncEvent(this.repo.event(id)!, now);
      this.repo.addAudit(event.visitId, now, this.agent(), { [`event ${id}`]: [event.status, status] });
      const visit = this.require(event.visitId);
      const allInformed = this.repo.events(event.visitId).every((e) => e.status === 'customer-informed');
      if (allInformed && visit.status === 'pending-department') this.setStatus(visit, 'open', now);
      if (!allInformed && visit.status === 'open') this.setStatus(visit, 'pending-department', now);
      return this.repo.event(id)!;
    });
  }

  private setStatus(visit: Visit, status: Visit['status'], now: number): void {
    const after = this.repo.update(visit.id, { status }, Math.max(now, visit.updatedAt + 1));
    this.repo.addAudit(visit.id, now, this.agent(), { status: [visit.status, status] });
    this.syncDeadlines(after, now);
  }

  saveDraft(id: number, fields: Record<string, unknown>): { savedAt: number } {
    this.require(id);
    const savedAt = this.clock.now();
    this.repo.putDraft(id, fields, savedAt);
    return { savedAt };
  }

  list(query: ListVisits): { items: Visit[]; total: number; totalCapped: boolean } {
    const q = ListVisitsSchema.parse(query);
    return this.repo.list(q, q.offset, q.limit);
  }

  /** A caller's earlier visits (screen pop), newest first. */
  history(customerNumber: string, limit = 20): Visit[] {
    return this.repo.list({ customerNumber, exactNumber: true }, 0, limit).items;
  }

  report(from: number, to: number): VisitReport {
    if (!(to > from)) throw new AppError(ErrorCode.BadArguments, 'the report period must end after it starts', { to: 'must be after from' });
    return this.repo.report(from, to);
  }

  /** The visits started in [from, to) as CSV or XLSX with Chinese headers. */
  export(from: number, to: number, format: ExportFormat): Buffer {
    if (!(to > from)) throw new AppError(ErrorCode.BadArguments, 'the export period must end after it starts', { to: 'must be after from' });
    return exportVisits(this.repo.inPeriod(from, to), format, this.settings.get(), this.clock.tzOffset);
  }

  /** Groups of similar visits in the recent window, to report to the team lead (R-MASS). */
  massIncidents(): MassIncident[] {
    const now = this.clock.now();
    const policy = this.settings.get().massIncident;
    const recent = this.repo.list({ from: now - policy.windowMinutes * 60_000 }, 0, 200).items;
    return detectMassIncidents(recent, policy, now);
  }

  private syncDeadlines(visit: Visit, now: number, categories = this.settings.get().visitCategories): void {
    this.deadlines.syncVisit(visit, categories.find((c) => c.id === visit.category), now);
  }

  private require(id: number): Visit {
    const visit = this.repo.get(id);
    if (!visit) throw new AppError(ErrorCode.NotFound, `no visit ${id}`);
    return visit;
  }
}

