/**
 * What team desks say to each other over SIP MESSAGE (issue 16), and what the lead's roster makes
 * of it. In a team every message is a signed envelope (shared/team.ts) checked on the main side
 * before anything is stored or shown; the directory travels as itself, signed by the admin. A desk
 * in no team still speaks the unsigned escalation messages of shared/escalation.ts.
 */
import { z } from 'zod';
import { AgentStatus } from './agent-state.js';
import { SipUser, type Escalation } from './escalation.js';
import type { Role } from './team.js';
import { SUMMARY_DAYS_BACK } from './team-stats.js';

/** A signed team envelope `{ body, sig }` (escalation, acknowledgement, presence). */
export const SIGNED_MESSAGE_TYPE = 'application/vnd.zuoxi.team-signed+json';
/** The admin's signed directory `{ body, sig }`, raw-deflated and base64, pushed to every member. */
export const DIRECTORY_MESSAGE_TYPE = 'application/vnd.zuoxi.team-directory+deflate';
/** A signed message larger than this is refused unread (413). */
export const MAX_SIGNED_MESSAGE_BYTES = 16 * 1024;
/**
 * The directory carries the policies and both phrase libraries (about 28 KB of JSON, 7 KB
 * deflated). A PBX reads a SIP message over TCP/WebSocket into one buffer (Kamailio's
 * `tcp_rd_buf_size`, which WebRTC's SDP already needs at 16 KB): a directory past this goes as a file.
 */
export const MAX_DIRECTORY_MESSAGE_BYTES = 14 * 1024;
/** What a deflated directory may inflate to (a larger one is refused, not inflated further). */
export const MAX_DIRECTORY_JSON_BYTES = 2_100_000;

/** A member is stale on the roster after this many heartbeats missed. */
export const STALE_AFTER_BEATS = 3;

const AGENT_STATUSES = Object.values(AgentStatus) as [AgentStatus, ...AgentStatus[]];

/** The call in hand as the lead sees it: the customer's number masked, since when, held or not. */
export const PresenceCallSchema = z
  .object({
    direction: z.enum(['inbound', 'outbound']),
    number: z.string().max(32),
    since: z.number().int(),
    held: z.boolean(),
  })
  .strict();

/** What the renderer knows of its desk right now. */
export const PresenceInputSchema = z
  .object({
    registered: z.boolean(),
    status: z.enum(AGENT_STATUSES),
    reasonId: z.string().max(32).optional(),
    /** When the agent entered this status. */
    since: z.number().int(),
    call: PresenceCallSchema.optional(),
  })
  .strict();
export type PresenceInput = z.infer<typeof PresenceInputSchema>;

/** An agent desk's presence as signed and sent to its leads: the above, plus what the main side adds. */
export const PresenceSchema = PresenceInputSchema.extend({
  v: z.literal(1),
  kind: z.literal('presence'),
  /** The directory version this desk holds (the admin's desk sends a newer one to a desk behind). */
  directoryVersion: z.number().int().min(0),
  /** Today's calls answered or made, and their talk time, from the desk's own state log. */
  today: z.object({ calls: z.number().int().min(0), talkSeconds: z.number().int().min(0) }).strict(),
}).strict();
export type Presence = z.infer<typeof PresenceSchema>;

/** What the renderer asks the main side to seal for sending: the main side builds the payload from its own records. */
/** A lead's text to an agent during a monitored call (issue 17, item 1): shown in the agent's panel only. */
export const COACH_MAX_CHARS = 300;
const CoachText = z.string().trim().min(1).max(COACH_MAX_CHARS);
export const CoachSchema = z.object({ v: z.literal(1), kind: z.literal('coach'), agent: SipUser, text: CoachText, at: z.number().int() }).strict();
export type Coach = z.infer<typeof CoachSchema>;

export const OutgoingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('coach'), agent: SipUser, text: CoachText }).strict(),
  z.object({ kind: z.literal('escalation'), id: z.string().max(64) }).strict(),
  z.object({ kind: z.literal('ack'), id: z.string().max(64) }).strict(),
  z.object({ kind: z.literal('presence'), presence: PresenceInputSchema }).strict(),
  z.object({ kind: z.literal('directory') }).strict(),
  z.object({ kind: z.literal('day-summary'), daysAgo: z.number().int().min(0).max(SUMMARY_DAYS_BACK) }).strict(),
]);
export type Outgoing = z.infer<typeof OutgoingSchema>;

/** A MESSAGE as it arrived: the PBX's From user, its content type and body. */
export const IncomingSchema = z.object({ from: z.string().max(64), contentType: z.string().max(200).optional(), body: z.string().max(256 * 1024) }).strict();
export type Incoming = z.infer<typeof IncomingSchema>;

export interface Sealed {
  readonly contentType: string;
  readonly body: string;
}

/** A member as the lead's roster lists it, with the last presence its desk sent. */
export interface RosterEntry {
  readonly user: string;
  readonly name: string;
  readonly role: Role;
  readonly presence: Presence | null;
  /** When the last presence arrived (receiver's clock). */
  readonly receivedAt: number | null;
}

/** What a delivered message did, for the renderer to follow up (announce, answer again, redraw). */
export type DeliveryEffect =
  | { readonly kind: 'escalation'; readonly escalation: Escalation; readonly isNew: boolean; readonly ackAgain: boolean }
  | { readonly kind: 'ack'; readonly escalation: Escalation }
  | { readonly kind: 'directory'; readonly version: number }
  | { readonly kind: 'presence'; readonly entry: RosterEntry }
  | { readonly kind: 'day-summary'; readonly user: string; readonly day: string }
  | { readonly kind: 'coach'; readonly from: string; readonly name: string; readonly text: string; readonly at: number };

/** The SIP answer to a MESSAGE, decided on the main side. */
export type Delivery =
  | { readonly code: 200; readonly effect: DeliveryEffect }
  | { readonly code: 400 | 403 | 413 | 415 | 500; readonly reason: string };

/** A customer's number as a lead may see it: the first three and last four digits. */
export function maskNumber(number: string): string {
  if (number.length <= 7) return number.length <= 4 ? number : `${'*'.repeat(number.length - 4)}${number.slice(-4)}`;
  return `${number.slice(0, 3)}${'*'.repeat(number.length - 7)}${number.slice(-4)}`;
}

export type RosterStatus = 'unknown' | 'stale' | 'offline' | AgentStatus | 'held';

/** One word for a roster row: stale after missed heartbeats, then the line, the call and the agent state. */
export function rosterStatus(entry: Pick<RosterEntry, 'presence' | 'receivedAt'>, now: number, presenceSeconds: number): RosterStatus {
  const { presence, receivedAt } = entry;
  if (!presence || receivedAt === null) return 'unknown';
  if (now - receivedAt > STALE_AFTER_BEATS * presenceSeconds * 1000) return 'stale';
  if (!presence.registered) return 'offline';
  if (presence.status === AgentStatus.OnCall && presence.call?.held) return 'held';
  return presence.status;
}
