import { z } from 'zod';
import { mediaType } from './softphone.js';

/**
 * Escalation to the team lead (R-ESCALATE-SENSITIVE, R-ESCALATE-ANGRY, R-MASS): the agent's desk sends
 * a SIP MESSAGE carrying a versioned JSON payload to the lead's SIP user; the lead's desk answers 200
 * when it has stored it, and later sends an acknowledgement back the same way. Everything that arrives
 * is checked here first: size, content type, schema version, shape and the sender.
 */
export const TEAM_MESSAGE_TYPE = 'application/vnd.zuoxi.team+json';
export const TEAM_MESSAGE_VERSION = 1;
/** A payload larger than this is refused unread (413). */
export const MAX_TEAM_MESSAGE_BYTES = 8 * 1024;

export const ESCALATION_REASONS = ['sensitive-words', 'angry-customer', 'complaint', 'mass-incident', 'manual', 'breach'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/** How urgent a reason is: the lead's inbox orders by this, then by time. */
export const URGENCY: Record<EscalationReason, number> = { 'sensitive-words': 3, 'angry-customer': 3, 'mass-incident': 3, breach: 2, complaint: 2, manual: 1 };

/** How often an agent's desk tells its leads where it is, with no change in between. */
export const DEFAULT_PRESENCE_SECONDS = 15;

export const SipUser = z.string().regex(/^[A-Za-z0-9._+-]{1,32}$/, 'a SIP user such as 1001');

/** What the agent fills in (the desk adds id, agent and time). */
export const NewEscalationSchema = z
  .object({
    reason: z.enum(ESCALATION_REASONS),
    customerNumber: z.string().trim().max(32).optional(),
    customerName: z.string().trim().max(50).optional(),
    visitId: z.number().int().positive().optional(),
    words: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
    note: z.string().trim().max(500).default(''),
  })
  .strict();
export type NewEscalation = z.input<typeof NewEscalationSchema>;

export const EscalationPayloadSchema = z
  .object({
    v: z.literal(TEAM_MESSAGE_VERSION),
    kind: z.literal('escalation'),
    id: z.string().regex(/^[a-z0-9-]{8,64}$/),
    agent: SipUser,
    createdAt: z.number().int().positive(),
    reason: z.enum(ESCALATION_REASONS),
    customerNumber: z.string().max(32).optional(),
    customerName: z.string().max(50).optional(),
    visitId: z.number().int().positive().optional(),
    words: z.array(z.string().min(1).max(20)).max(20),
    note: z.string().max(500),
  })
  .strict();
export type EscalationPayload = z.infer<typeof EscalationPayloadSchema>;

export const AckPayloadSchema = z
  .object({
    v: z.literal(TEAM_MESSAGE_VERSION),
    kind: z.literal('escalation-ack'),
    id: z.string().regex(/^[a-z0-9-]{8,64}$/),
    status: z.enum(['acknowledged', 'resolved']),
    by: SipUser,
    at: z.number().int().positive(),
    note: z.string().max(500).optional(),
  })
  .strict();
export type AckPayload = z.infer<typeof AckPayloadSchema>;

export type TeamMessage = EscalationPayload | AckPayload;

/** UTF-8 byte length without host APIs (shared/ has neither DOM nor Node types); lone surrogates count 3, as U+FFFD. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

export interface Refusal {
  /** The SIP response to send. */
  readonly code: 400 | 403 | 413 | 415;
  readonly reason: string;
}

/**
 * Checks an incoming MESSAGE before anything else sees it: `accepts` says which senders may send
 * which kind (a lead accepts escalations from the team's agents; an agent accepts acknowledgements
 * from the leads). The PBX has proven the sender's identity (digest auth of the From user).
 */
export function parseTeamMessage(
  from: string,
  contentType: string | undefined,
  body: string,
  accepts: { readonly escalation: readonly string[]; readonly ack: readonly string[] },
): { ok: true; message: TeamMessage } | { ok: false; refusal: Refusal } {
  const refuse = (code: Refusal['code'], reason: string) => ({ ok: false as const, refusal: { code, reason } });
  if (utf8Length(body) > MAX_TEAM_MESSAGE_BYTES) return refuse(413, `payload over ${MAX_TEAM_MESSAGE_BYTES} bytes`);
  if (mediaType(contentType) !== TEAM_MESSAGE_TYPE) return refuse(415, `content type ${contentType ?? '(none)'} is not ${TEAM_MESSAGE_TYPE}`);
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return refuse(400, 'payload is not JSON');
  }
  const head = z.object({ v: z.number(), kind: z.string() }).safeParse(raw);
  if (!head.success) return refuse(400, 'payload has no version and kind');
  if (head.data.v !== TEAM_MESSAGE_VERSION) return refuse(400, `unknown schema version ${head.data.v}`);
  const schema = head.data.kind === 'escalation' ? EscalationPayloadSchema : head.data.kind === 'escalation-ack' ? AckPayloadSchema : null;
  if (!schema) return refuse(400, `unknown kind ${head.data.kind}`);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return refuse(400, `invalid ${head.data.kind}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  const message = parsed.data as TeamMessage;
  const allowed = message.kind === 'escalation' ? accepts.escalation : accepts.ack;
  if (!allowed.includes(from)) return refuse(403, `${from} may not send ${message.kind} here`);
  if (message.kind === 'escalation' && message.agent !== from) return refuse(403, `escalation from ${from} claims agent ${message.agent}`);
  if (message.kind === 'escalation-ack' && message.by !== from) return refuse(403, `acknowledgement from ${from} claims ${message.by}`);
  return { ok: true, message };
}

/** Team settings: who the leads are (first = primary, then backups) and who the lead accepts from. */
export const TeamSettingsSchema = z
  .object({
    role: z.enum(['agent', 'lead']),
    leads: z.array(SipUser).max(5),
    agents: z.array(SipUser).max(200),
    /** Not acknowledged this long after delivery → sent again, to the next lead. */
    ackTimeoutSeconds: z.number().int().min(5).max(3600),
    /** Presence heartbeat to the leads (a team policy; settings stored before it existed take the default). */
    presenceSeconds: z.number().int().min(1).max(300).default(DEFAULT_PRESENCE_SECONDS),
  })
  .strict();
export type TeamSettings = z.infer<typeof TeamSettingsSchema>;

export const ESCALATION_STATUSES = ['queued', 'delivered', 'acknowledged', 'resolved'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/** An escalation as either desk keeps it. */
export interface Escalation {
  readonly payload: EscalationPayload;
  readonly direction: 'out' | 'in';
  readonly status: EscalationStatus;
  /** Out: the lead it was last sent to; in: the agent it came from. */
  readonly peer: string;
  readonly attempts: number;
  readonly deliveredAt: number | null;
  readonly acknowledgedAt: number | null;
  readonly resolvedAt: number | null;
  readonly leadNote: string;
  readonly updatedAt: number;
}

/**
 * Where an outgoing escalation goes next: queued ones retry the same lead (with backoff) until a
 * 200; delivered ones not acknowledged within the timeout go to the next lead (wrapping round).
 */
export function nextLead(leads: readonly string[], current: string | undefined): string | undefined {
  if (leads.length === 0) return undefined;
  const i = current === undefined ? -1 : leads.indexOf(current);
  return leads[(i + 1) % leads.length];
}

/** Retry delay after `attempts` failed sends: 2, 4, 8 … capped at 30 s. */
export const retryDelayMs = (attempts: number) => Math.min(30_000, 2_000 * 2 ** Math.max(0, attempts - 1));

/** Contract arguments (escalations.*). */
export const AttemptSchema = z.object({ id: z.string().max(64), to: z.string().max(32), code: z.number().int().min(100).max(699) }).strict();
export const ReceiveSchema = z.object({ payload: EscalationPayloadSchema, from: z.string().max(32) }).strict();
export const RespondSchema = z.object({ id: z.string().max(64), status: z.enum(['acknowledged', 'resolved']), note: z.string().trim().max(500).optional() }).strict();
export const AcknowledgedSchema = z.object({ ack: AckPayloadSchema }).strict();
export const RefusedSchema = z.object({ from: z.string().max(64), code: z.number().int(), reason: z.string().max(500) }).strict();
export type Attempt = z.infer<typeof AttemptSchema>;
export type Receive = z.infer<typeof ReceiveSchema>;
export type Respond = z.infer<typeof RespondSchema>;
export type Acknowledged = z.infer<typeof AcknowledgedSchema>;
export type Refused = z.infer<typeof RefusedSchema>;
