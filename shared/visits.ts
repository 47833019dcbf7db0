/**
 * The visit log (来访记录, R-VISIT-LOG): one record per call or chat, categorised, followed up.
 * Schemas here are the only validation: the main side re-checks everything the renderer sends and
 * returns field-level errors (issue: visit log, item 9).
 */
import { z } from 'zod';
import type { Checklist } from './call-script.js';
import type { ComplianceOverride } from './compliance.js';
import type { Clock, VisitClock } from './deadlines.js';

export const VISIT_STATUSES = ['open', 'pending-department', 'resolved', 'closed'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const CHANNELS = ['hotline', 'online'] as const;

/** A phone number as callers type it (+86 138-0013-8000) or a SIP user: 3 to 32 characters. */
export const CustomerNumberSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9A-Za-z][0-9A-Za-z ()._-]{1,30}[0-9A-Za-z]$/, 'phone number: digits, +, -, spaces, 3 to 32 characters');

export const VisitCategorySchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
    label: z.object({ 'zh-CN': z.string().min(1).max(20), 'en-US': z.string().min(1).max(40) }).strict(),
    /** Which follow-up rule applies: orders get a 7-day follow-up, complaints the 12 h / 48 h clock. */
    followUp: z.enum(['none', 'order', 'complaint']),
  })
  .strict();
export type VisitCategory = z.infer<typeof VisitCategorySchema>;

/** Opened automatically when a call is answered or placed. */
export const OpenVisitSchema = z
  .object({
    channel: z.enum(CHANNELS),
    direction: z.enum(['inbound', 'outbound']),
    customerNumber: CustomerNumberSchema,
    customerName: z.string().trim().max(50).optional(),
    startedAt: z.number().int().positive(),
    answeredAt: z.number().int().positive().optional(),
    /** A call logged after it ended (missed, unanswered) knows its end already. */
    endedAt: z.number().int().positive().optional(),
    /** The softphone's call id, so the same call never opens two visits. */
    callId: z.string().max(64).optional(),
    /** A follow-up or callback visit links back to the one it follows. */
    linkedVisitId: z.number().int().positive().optional(),
  })
  .strict();
export type OpenVisit = z.infer<typeof OpenVisitSchema>;

/** What the agent edits in the wrap-up form. */
export const VisitFieldsSchema = z
  .object({
    customerName: z.string().trim().max(50),
    contact: z.string().trim().max(100),
    category: z.string().max(32).nullable(),
    description: z.string().max(2000),
    resolution: z.string().max(2000),
    status: z.enum(VISIT_STATUSES),
    complexity: z.enum(['simple', 'complex']).nullable(),
    tags: z.array(z.string().trim().min(1).max(20)).max(10),
  })
  .strict();
export type VisitFields = z.infer<typeof VisitFieldsSchema>;

/** An event handed to another department (R-EVENT), tracked until the customer has the answer. */
export const EVENT_STATUSES = ['submitted', 'in-progress', 'answered', 'customer-informed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** The call behind a visit ended (handle time, 通话时长). */
export const CallEndedSchema = z.object({ id: z.number().int().positive(), endedAt: z.number().int().positive() }).strict();

export const SubmitEventSchema = z
  .object({
    visitId: z.number().int().positive(),
    department: z.string().trim().min(1).max(40),
    description: z.string().trim().min(1).max(2000),
    dueAt: z.number().int().positive(),
  })
  .strict();
export type SubmitEvent = z.infer<typeof SubmitEventSchema>;

export const SetEventStatusSchema = z.object({ id: z.number().int().positive(), status: z.enum(EVENT_STATUSES) }).strict();

export interface VisitEvent {
  readonly id: number;
  readonly visitId: number;
  readonly department: string;
  readonly description: string;
  readonly dueAt: number;
  readonly status: EventStatus;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export const ReportPeriodSchema = z.object({ from: z.number().int().nonnegative(), to: z.number().int().positive() }).strict();

export const ExportVisitsSchema = ReportPeriodSchema.extend({ format: z.enum(['csv', 'xlsx']) }).strict();

export const UpdateVisitSchema = z
  .object({
    id: z.number().int().positive(),
    fields: VisitFieldsSchema.partial(),
    /** Optimistic concurrency: the update is refused if the visit changed since it was read. */
    expectedUpdatedAt: z.number().int().positive().optional(),
  })
  .strict();

/** The unsaved form, stored as the agent types (crash-safe). Loose on purpose: half-typed text. */
export const SaveDraftSchema = z
  .object({
    id: z.number().int().positive(),
    draft: z.record(z.string(), z.unknown()).refine((d) => JSON.stringify(d).length <= 16_000, 'draft too large'),
    /** The visit's updatedAt when the form loaded it: a draft of an older version is not kept over a newer save. */
    baseUpdatedAt: z.number().int().positive().optional(),
  })
  .strict();

/** A draft typed but never saved (listed at start, so nothing typed is forgotten). */
export interface UnsavedDraft {
  readonly visitId: number;
  readonly customerNumber: string;
  readonly customerName: string;
  readonly startedAt: number;
  readonly savedAt: number;
  /** The first words of what was typed. */
  readonly preview: string;
}

export const ListVisitsSchema = z
  .object({
    text: z.string().max(100).optional(),
    customerNumber: z.string().max(32).optional(),
    category: z.string().max(32).optional(),
    status: z.enum(VISIT_STATUSES).optional(),
    owner: z.string().max(64).optional(),
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().positive().optional(),
    offset: z.number().int().nonnegative().max(1_000_000).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ListVisits = z.input<typeof ListVisitsSchema>;

export interface Visit extends VisitFields {
  readonly id: number;
  readonly channel: (typeof CHANNELS)[number];
  readonly direction: 'inbound' | 'outbound';
  readonly customerNumber: string;
  readonly startedAt: number;
  readonly answeredAt: number | null;
  /** When the call ended, written by the desk (visits.callEnded), never typed. */
  readonly endedAt: number | null;
  /** 首问责任制 (R-FIRST-OWNER): the agent who first took it. */
  readonly owner: string;
  readonly callId: string | null;
  readonly linkedVisitId: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface AuditEntry {
  readonly at: number;
  readonly actor: string;
  /** field → [before, after] */
  readonly change: Readonly<Record<string, readonly [unknown, unknown]>>;
}

/** A clock of a visit (deadlines.ts) as the deadline board and the visit show it. */
export interface VisitDeadline extends Clock {
  readonly id: number;
  readonly visitId: number;
  readonly clock: VisitClock;
  /** The department event a department-event clock tracks; 0 for the visit's own clocks. */
  readonly subject: number;
  readonly customerNumber: string;
  readonly customerName: string;
  readonly summary: string;
  /** When the agent was told it is due soon / breached, so a restart does not tell again. */
  readonly soonAlertedAt: number | null;
  readonly breachAlertedAt: number | null;
}

/** A knowledge article linked to a visit; ids are the knowledge base's own (text). */
export const LinkArticleSchema = z
  .object({
    visitId: z.number().int().positive(),
    articleId: z.string().trim().min(1).max(100),
    title: z.string().trim().min(1).max(200),
  })
  .strict();
export type LinkArticle = z.infer<typeof LinkArticleSchema>;
export const UnlinkArticleSchema = LinkArticleSchema.pick({ visitId: true, articleId: true }).strict();

export interface LinkedArticle {
  readonly articleId: string;
  readonly title: string;
  readonly linkedBy: string;
  readonly linkedAt: number;
}

export interface VisitDetail {
  readonly visit: Visit;
  readonly draft: { readonly fields: Record<string, unknown>; readonly savedAt: number } | null;
  readonly audit: readonly AuditEntry[];
  readonly deadlines: readonly VisitDeadline[];
  readonly events: readonly VisitEvent[];
  readonly articles: readonly LinkedArticle[];
  readonly checklist: Checklist | null;
  readonly overrides: readonly ComplianceOverride[];
}

/** How many, and how long in all (ms). */
export interface PeriodTotal {
  readonly count: number;
  readonly totalMs: number;
}

export interface VisitReport {
  readonly from: number;
  readonly to: number;
  readonly total: number;
  readonly byChannel: Record<string, number>;
  readonly byCategory: Record<string, number>;
  readonly byOwner: Record<string, number>;
  readonly complaints: { readonly total: number; readonly open: number };
  /** Inbound calls answered, and answered within 15 s (R-ANSWER-15S, R-ANSWER-RATE). */
  readonly inbound: { readonly total: number; readonly answered: number; readonly answeredWithin15s: number };
  /** Mean talk time of answered calls that have an end time, ms. */
  readonly meanHandleMs: number | null;
  /** Mean time the desk spent in wrap-up after a call (agent state log), ms. */
  readonly meanWrapUpMs: number | null;
  /** The sums behind the two means (what a lead adds up over days and agents). */
  readonly handle: PeriodTotal;
  readonly wrapUp: PeriodTotal;
  /**
   * Per-call checklists (call-script.ts) of the period's visits: how many have one, and how many
   * ticked each item (`held`: calls put on hold, which owe the waiting phrase); replies recorded
   * despite a high-severity compliance finding.
   */
  readonly script: {
    readonly calls: number;
    readonly greeting: number;
    readonly held: number;
    readonly waiting: number;
    readonly confirmed: number;
    readonly closing: number;
    readonly overrides: number;
  };
}

/**
 * The clocks a saved visit needs, and from when (pure; the deadline service starts and stops them):
 * - an order: a follow-up call within 7 days of the contact (R-FOLLOWUP-7D), unless closed;
 * - an open complaint: reply within 12 h and resolve within 48 h of the contact (R-COMPLAINT-12-48),
 *   the reply clock stopping once a resolution is written; when it cannot be answered now, a definite
 *   answer within 2 h (simple) or 24 h (complex) of that decision (R-COMPLAINT-2-24);
 * - any other open problem: resolved within 24 h (R-ISSUE-24H) and handled the next working day
 *   (R-NEXT-DAY).
 * A clock already started keeps its start; one no longer wanted is completed.
 */
export function visitClocksFor(
  visit: Pick<Visit, 'status' | 'startedAt' | 'complexity' | 'resolution'>,
  category: VisitCategory | undefined,
  now: number,
): { clock: VisitClock; startedAt: number }[] {
  if (visit.status === 'closed') return [];
  const out: { clock: VisitClock; startedAt: number }[] = [];
  if (category?.followUp === 'order') out.push({ clock: 'follow-up', startedAt: visit.startedAt });
  if (visit.status === 'resolved') return out;
  if (category?.followUp === 'complaint') {
    if (visit.resolution.trim() === '') out.push({ clock: 'complaint-reply', startedAt: visit.startedAt });
    out.push({ clock: 'complaint-resolve', startedAt: visit.startedAt });
    if (visit.complexity) out.push({ clock: visit.complexity === 'simple' ? 'complaint-answer-simple' : 'complaint-answer-complex', startedAt: now });
  } else {
    out.push({ clock: 'issue-resolve', startedAt: visit.startedAt }, { clock: 'next-day', startedAt: now });
  }
  return out;
}
