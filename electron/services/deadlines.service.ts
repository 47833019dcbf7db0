import {
  completeClock,
  pauseClock,
  resumeClock,
  schedule,
  startClock,
  type Clock,
  type DeadlinePolicy,
  durationMs,
  type VisitClock,
} from '../../shared/deadlines.js';
import { AppError, ErrorCode } from '../../shared/result.js';
import { visitClocksFor, type Visit, type VisitCategory, type VisitDeadline, type VisitEvent } from '../../shared/visits.js';
import type { DeadlinesRepo } from '../db/deadlines.repo.js';
import type { SettingsService } from './settings.service.js';

/** The board shows at most this many clocks (the benchmark runs it with 1,000). */
export const BOARD_LIMIT = 2000;

/**
 * The clocks of visits, kept in SQLite with the visit they belong to: started and completed as the
 * visit is saved (shared/visits.ts says which it needs), paused while the customer owes an answer
 * where the policy allows it, and marked when the agent has been told it is due soon or breached, so
 * a restart neither loses a clock nor repeats an alert. Call clocks (ring, hold, wrap-up…) are not
 * stored: they are computed from the call's own timestamps.
 */
export class DeadlinesService {
  constructor(
    private readonly repo: DeadlinesRepo,
    private readonly settings: SettingsService,
    private readonly now: () => number = Date.now,
  ) {}

  policy(): DeadlinePolicy {
    return this.settings.get().deadlinePolicy;
  }

  /** Starts what the visit now needs and completes what it no longer does; runs in the caller's transaction. */
  syncVisit(visit: Visit, category: VisitCategory | undefined, now: number): void {
    const policy = this.policy();
    const wanted = visitClocksFor(visit, category, now);
    const have = this.repo.forVisit(visit.id).filter((d) => d.subject === 0);
    for (const d of have) if (d.doneAt === null && !wanted.some((w) => w.clock === d.clock)) this.store(d, completeClock(d, now, policy.businessHours), policy);
    for (const w of wanted) if (!have.some((d) => d.clock === w.clock)) this.start(visit.id, w.clock, 0, startClock(policy.rules[w.clock], w.startedAt, policy.businessHours), policy);
  }

  /** A department event runs its own clock to the due time the department gave, until the customer is informed. */
  syncEvent(event: VisitEvent, now: number): void {
    const policy = this.policy();
    const existing = this.repo.forVisit(event.visitId).find((d) => d.clock === 'department-event' && d.subject === event.id);
    if (event.status === 'customer-informed') {
      if (existing) this.store(existing, completeClock(existing, now, policy.businessHours), policy);
    } else if (!existing) {
      this.start(event.visitId, 'department-event', event.id, startClock(policy.rules['department-event'], event.createdAt, policy.businessHours, event.dueAt), policy);
    }
  }

  forVisit(visitId: number): VisitDeadline[] {
    return this.repo.forVisit(visitId);
  }

  running(): VisitDeadline[] {
    return this.repo.listRunning(BOARD_LIMIT);
  }

  /** The customer owes an answer: the clock stops where its rule allows it. */
  pause(id: number): VisitDeadline {
    const policy = this.policy();
    const d = this.require(id);
    if (!policy.rules[d.clock].pauseOn.includes('customer-wait')) throw new AppError(ErrorCode.Forbidden, `the ${d.clock} clock does not pause`);
    return this.store(d, pauseClock(d, this.now()), policy);
  }

  resume(id: number): VisitDeadline {
    const policy = this.policy();
    const d = this.require(id);
    return this.store(d, resumeClock(d, this.now(), policy.businessHours), policy);
  }

  complete(id: number): VisitDeadline {
    const policy = this.policy();
    const d = this.require(id);
    return this.store(d, completeClock(d, this.now(), policy.businessHours), policy);
  }

  /** True for the first caller only: that desk window shows the notification (and escalates a breach). */
  alerted(id: number, kind: 'due-soon' | 'breached'): boolean {
    this.require(id);
    return this.repo.markAlerted(id, kind, this.now());
  }

  private start(visitId: number, clock: VisitClock, subject: number, c: Clock, policy: DeadlinePolicy): void {
    this.repo.insert(visitId, clock, subject, c, this.dueAt(clock, c, policy), this.now());
  }

  private store(d: VisitDeadline, c: Clock, policy: DeadlinePolicy): VisitDeadline {
    this.repo.save(d.id, c, this.dueAt(d.clock, c, policy));
    return this.require(d.id);
  }

  private dueAt(clock: VisitClock, c: Clock, policy: DeadlinePolicy): number | null {
    return schedule(c, durationMs(policy.rules[clock].dueSoon), policy.businessHours)?.dueAt ?? null;
  }

  private require(id: number): VisitDeadline {
    const d = this.repo.get(id);
    if (!d) throw new AppError(ErrorCode.NotFound, `no deadline ${id}`);
    return d;
  }
}
