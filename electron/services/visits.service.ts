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
  type UnsavedDraft,
  type VisitEvent,
  type VisitFields,
  type VisitReport,
} from '../../shared/visits.js';
import type { VisitStores } from '../db/visit-stores.js';
import type { DeadlinesService } from './deadlines.service.js';
import type { SettingsService } from './settings.service.js';
import { exportVisits, localTime, type ExportFormat } from './visit-export.js';

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
    private readonly db: VisitStores,
    private readonly settings: SettingsService,
    private readonly agent: CurrentAgent,
    private readonly deadlines: DeadlinesService,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Opens the visit for a call (idempotent per call id), owned by the agent who took it. */
  open(input: OpenVisit): Visit {
    return this.db.transaction(() => {
      const now = this.clock.now();
      const { visit, created } = this.db.visits.open(input, this.agent(), now);
      if (created) this.syncDeadlines(visit, now);
      return visit;
    });
  }

  /** The call ended: its end time is written (once) and audited, so handle time and 通话时长 are known. */
  callEnded(id: number, endedAt: number): Visit {
    return this.db.transaction(() => {
      const visit = this.require(id);
      if (endedAt < visit.startedAt) throw new AppError(ErrorCode.BadArguments, 'a call cannot end before it started', { endedAt: 'before the start' });
      if (this.db.visits.setEndedAt(id, endedAt)) this.db.audit.add(id, this.clock.now(), this.agent(), { endedAt: [null, endedAt] });
      return this.require(id);
    });
  }

  get(id: number): VisitDetail {
    const visit = this.require(id);
    return {
      visit,
      draft: this.newerDraft(visit),
      audit: this.db.audit.list(id),
      deadlines: this.deadlines.forVisit(id),
      events: this.db.events.forVisit(id),
      articles: this.db.articles.forVisit(id),
      checklist: this.db.script.checklist(id),
      overrides: this.db.script.overrides(id),
    };
  }

  /** The call's script checklist as it stands (ticked from the phrase panel while the call runs). */
  setChecklist(input: SetChecklist): void {
    this.db.transaction(() => {
      this.require(input.visitId);
      this.db.script.setChecklist(input.visitId, input.checklist, this.clock.now());
    });
  }

  /** A reply recorded or sent despite a high-severity finding: kept with the agent's reason. */
  logOverride(input: LogOverride): ComplianceOverride {
    return this.db.transaction(() => {
      if (input.visitId !== null) this.require(input.visitId);
      return this.db.script.addOverride(input, this.agent(), this.clock.now());
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
    return this.db.transaction(() => {
      const before = this.require(id);
      if (expectedUpdatedAt !== undefined && before.updatedAt !== expectedUpdatedAt) {
        throw new AppError(ErrorCode.Forbidden, 'the visit was changed elsewhere; reload it before saving');
      }
      const change: Record<string, readonly [unknown, unknown]> = {};
      for (const [key, value] of Object.entries(clean) as [keyof VisitFields, unknown][]) {
        if (JSON.stringify(before[key]) !== JSON.stringify(value)) change[key] = [before[key], value];
      }
      const now = this.clock.now();
      this.db.drafts.drop(id);
      if (Object.keys(change).length === 0) return before;
      const changedFields = Object.fromEntries(Object.keys(change).map((k) => [k, clean[k as keyof VisitFields]])) as Partial<VisitFields>;
      const after = this.db.visits.update(id, changedFields, Math.max(now, before.updatedAt + 1));
      this.db.audit.add(id, now, this.agent(), change);
      this.syncDeadlines(after, now, categories);
      return after;
    });
  }

  /**
   * Hands part of a visit to another department (R-EVENT): the event is recorded and the visit becomes
   * "pending another department" (audited) until every event's answer has reached the customer.
   */
  submitEvent(input: SubmitEvent): VisitEvent {
    return this.db.transaction(() => {
      const visit = this.require(input.visitId);
      const now = this.clock.now();
      if (input.dueAt <= now) throw new AppError(ErrorCode.BadArguments, 'the due time must be in the future', { dueAt: 'must be in the future' });
      const event = this.db.events.add(input, this.agent(), now);
      this.deadlines.syncEvent(event, now);
      this.db.audit.add(visit.id, now, this.agent(), { event: [null, `${input.department}: ${input.description}`] });
      if (visit.status === 'open') this.setStatus(visit, 'pending-department', now);
      return event;
    });
  }

  /** Links a knowledge article the agent answered from (audited; linking twice changes nothing). */
  linkArticle(input: LinkArticle): LinkedArticle[] {
    return this.db.transaction(() => {
      this.require(input.visitId);
      const now = this.clock.now();
      if (this.db.articles.link(input.visitId, input.articleId, input.title, this.agent(), now)) {
        this.db.audit.add(input.visitId, now, this.agent(), { [`article ${input.articleId}`]: [null, input.title] });
      }
      return this.db.articles.forVisit(input.visitId);
    });
  }

  unlinkArticle(input: { visitId: number; articleId: string }): LinkedArticle[] {
    return this.db.transaction(() => {
      this.require(input.visitId);
      const title = this.db.articles.unlink(input.visitId, input.articleId);
      if (title !== undefined) this.db.audit.add(input.visitId, this.clock.now(), this.agent(), { [`article ${input.articleId}`]: [title, null] });
      return this.db.articles.forVisit(input.visitId);
    });
  }

  /** Moves an event on; once every event of the visit has reached the customer, the visit is open again. */
  setEventStatus(id: number, status: EventStatus): VisitEvent {
    return this.db.transaction(() => {
      const event = this.db.events.get(id);
      if (!event) throw new AppError(ErrorCode.NotFound, `no event ${id}`);
      const now = this.clock.now();
      this.db.events.setStatus(id, status, now);
      this.deadlines.syncEvent(this.db.events.get(id)!, now);
      this.db.audit.add(event.visitId, now, this.agent(), { [`event ${id}`]: [event.status, status] });
      const visit = this.require(event.visitId);
      const allInformed = this.db.events.forVisit(event.visitId).every((e) => e.status === 'customer-informed');
      if (allInformed && visit.status === 'pending-department') this.setStatus(visit, 'open', now);
      if (!allInformed && visit.status === 'open') this.setStatus(visit, 'pending-department', now);
      return this.db.events.get(id)!;
    });
  }

  private setStatus(visit: Visit, status: Visit['status'], now: number): void {
    const after = this.db.visits.update(visit.id, { status }, Math.max(now, visit.updatedAt + 1));
    this.db.audit.add(visit.id, now, this.agent(), { status: [visit.status, status] });
    this.syncDeadlines(after, now);
  }

  /**
   * Stores the form as typed. A draft based on an older version of the visit than the one saved
   * since (a late autosave, another window) is not kept: the newer save wins (`kept: false`).
   */
  saveDraft(id: number, fields: Record<string, unknown>, baseUpdatedAt?: number): { savedAt: number; kept: boolean } {
    return this.db.transaction(() => {
      const visit = this.require(id);
      const savedAt = Math.max(this.clock.now(), visit.updatedAt + 1);
      if (baseUpdatedAt !== undefined && visit.updatedAt > baseUpdatedAt) return { savedAt: visit.updatedAt, kept: false };
      this.db.drafts.put(id, fields, savedAt);
      return { savedAt, kept: true };
    });
  }

  /** Drafts typed and never saved (newer than their visit), for the desk to list at start. */
  unsavedDrafts(limit = 50): UnsavedDraft[] {
    return this.db.drafts.unsaved(limit).map(({ fields, ...d }) => ({
      ...d,
      preview: [fields['description'], fields['resolution']].filter((f): f is string => typeof f === 'string' && f.trim() !== '').join(' · ').slice(0, 60),
    }));
  }

  list(query: ListVisits): { items: Visit[]; total: number; totalCapped: boolean } {
    const q = ListVisitsSchema.parse(query);
    return this.db.visits.list(q, q.offset, q.limit);
  }

  /** A caller's earlier visits (screen pop), newest first. */
  history(customerNumber: string, limit = 20): Visit[] {
    return this.db.visits.list({ customerNumber, exactNumber: true }, 0, limit).items;
  }

  report(from: number, to: number): VisitReport {
    if (!(to > from)) throw new AppError(ErrorCode.BadArguments, 'the report period must end after it starts', { to: 'must be after from' });
    return this.db.reports.report(from, to);
  }

  /**
   * The visits started in [from, to) as CSV or XLSX with Chinese headers, named by the period's
   * first day in the desk's own time zone (in China before 08:00 the UTC date is yesterday's).
   * Every export is in the desk log.
   */
  export(from: number, to: number, format: ExportFormat): { fileName: string; bytes: Buffer } {
    if (!(to > from)) throw new AppError(ErrorCode.BadArguments, 'the export period must end after it starts', { to: 'must be after from' });
    let rows = 0;
    const counted = function* (visits: Iterable<Visit>) {
      for (const v of visits) {
        rows++;
        yield v;
      }
    };
    const bytes = exportVisits(counted(this.db.visits.inPeriod(from, to)), format, this.settings.get(), this.clock.tzOffset, (id) => this.db.chat.forVisit(id));
    // customer data leaving the desk: who, when, which period, how many visits
    this.db.deskLog.append(this.clock.now(), this.agent(), 'export', { from, to, format, rows });
    return { fileName: `来访记录-${localTime(from, this.clock.tzOffset)!.slice(0, 10)}.${format}`, bytes };
  }

  /** Groups of similar visits in the recent window, to report to the team lead (R-MASS). */
  massIncidents(): MassIncident[] {
    const now = this.clock.now();
    const policy = this.settings.get().massIncident;
    const recent = this.db.visits.list({ from: now - policy.windowMinutes * 60_000 }, 0, 200).items;
    return detectMassIncidents(recent, policy, now);
  }

  /** The draft only when it is newer than the visit's last save ("keep the newer of the two"). */
  private newerDraft(visit: Visit) {
    const draft = this.db.drafts.get(visit.id);
    return draft && draft.savedAt > visit.updatedAt ? draft : null;
  }

  private syncDeadlines(visit: Visit, now: number, categories = this.settings.get().visitCategories): void {
    this.deadlines.syncVisit(visit, categories.find((c) => c.id === visit.category), now);
  }

  private require(id: number): Visit {
    const visit = this.db.visits.get(id);
    if (!visit) throw new AppError(ErrorCode.NotFound, `no visit ${id}`);
    return visit;
  }
}

