/**
 * The online channel's wire format (issue 18, item 1): chat over SIP MESSAGE on the desk's own
 * registration. A Zuoxi chat message is versioned JSON carrying its id, conversation and sequence,
 * so both ends store it before it is sent, resend it until answered and drop repeats by id. Plain
 * `text/plain` from any SIP client (a phone, a gateway) is a chat message too, its id made from the
 * SIP request so a retransmission is the same message. Typing is RFC 3994 isComposing.
 */
import { z } from 'zod';
import { utf8Length } from './escalation.js';
import { mediaType } from './softphone.js';

export const CHAT_MESSAGE_TYPE = 'application/vnd.zuoxi.chat+json';
export const PLAIN_TEXT_TYPE = 'text/plain';
export const IS_COMPOSING_TYPE = 'application/im-iscomposing+xml';
/** Every content type the chat channel owns on the line. */
export const CHAT_CONTENT_TYPES = [CHAT_MESSAGE_TYPE, PLAIN_TEXT_TYPE, IS_COMPOSING_TYPE] as const;

/**
 * Longest text in one message. RFC 3428 keeps a MESSAGE under 1300 bytes where the path may be
 * UDP with an unknown MTU; over the desk's WebSocket (TCP) the PBX's read buffer is the limit
 * (16 KB on the test Kamailio). 2,000 characters of Chinese is at most 6 KB of UTF-8 with its
 * envelope: longer text is split by the sender (`splitText`), never silently cut.
 */
export const MAX_CHAT_CHARS = 2_000;
export const MAX_CHAT_BODY_BYTES = 8 * 1024;

const Id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, digits, _ or -');
export const ChatWireSchema = z
  .object({
    v: z.literal(1),
    kind: z.literal('msg'),
    /** Unique per message, chosen by its sender: the key for de-duplication on both ends. */
    id: Id,
    /** The conversation, chosen by whoever opened it (the customer's page, or the desk). */
    conv: Id,
    /** The sender's count in this conversation, from 1: the receiver orders and spots gaps by it. */
    seq: z.number().int().min(1),
    text: z.string().min(1).max(MAX_CHAT_CHARS),
    /** The sender's clock, ms. */
    at: z.number().int(),
  })
  .strict();
export type ChatWire = z.infer<typeof ChatWireSchema>;

/** A chat message as it came in, whatever its form. */
export interface IncomingChat {
  readonly id: string;
  readonly conv: string;
  readonly seq: number | null;
  readonly text: string;
  readonly at: number;
}

export type ChatParse = { readonly ok: true; readonly chat: IncomingChat } | { readonly ok: false; readonly code: 400 | 413 | 415; readonly reason: string };

/**
 * What a MESSAGE says as chat. `from` is the PBX-proven sender, `callId` and `cseq` its SIP
 * request's (a plain-text message's id, stable across retransmissions), `now` the receiver's clock.
 * A plain-text sender has one conversation per SIP user.
 */
export function parseChat(input: { from: string; contentType?: string | undefined; body: string; callId: string; cseq: number; now: number }): ChatParse {
  if (utf8Length(input.body) > MAX_CHAT_BODY_BYTES) return { ok: false, code: 413, reason: `chat message over ${MAX_CHAT_BODY_BYTES} bytes` };
  const type = mediaType(input.contentType);
  if (type === PLAIN_TEXT_TYPE) {
    const text = input.body.trim();
    if (!text) return { ok: false, code: 400, reason: 'empty message' };
    if (text.length > MAX_CHAT_CHARS) return { ok: false, code: 413, reason: `text over ${MAX_CHAT_CHARS} characters` };
    return { ok: true, chat: { id: plainId(input.callId, input.cseq), conv: plainConversation(input.from), seq: null, text, at: input.now } };
  }
  if (type !== CHAT_MESSAGE_TYPE) return { ok: false, code: 415, reason: `${type || '(none)'} is not chat` };
  let json: unknown;
  try {
    json = JSON.parse(input.body);
  } catch {
    return { ok: false, code: 400, reason: 'not JSON' };
  }
  const parsed = ChatWireSchema.safeParse(json);
  if (!parsed.success) return { ok: false, code: 400, reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ') };
  const { id, conv, seq, text, at } = parsed.data;
  return { ok: true, chat: { id, conv, seq, text, at } };
}

/** A plain-text sender's one conversation. */
export const plainConversation = (user: string) => `sip-${user.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 64).padEnd(8, '_');

/** A plain-text message's id from its SIP request: a retransmission (same Call-ID and CSeq) is the same message. */
function plainId(callId: string, cseq: number): string {
  let h = 0x811c9dc5;
  for (const ch of `${callId}/${cseq}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `sip-${h.toString(36)}-${cseq}`.padEnd(8, '0');
}

/** Text longer than one message allows, in parts at most `max` characters, cut at a sentence or line end where one is near. */
export function splitText(text: string, max = MAX_CHAT_CHARS): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = Math.max(...['\n', '。', '！', '？', '. '].map((p) => window.lastIndexOf(p)));
    const at = cut >= max / 2 ? cut + 1 : max;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  if (rest) parts.push(rest);
  return parts;
}

/** RFC 3994 isComposing: 'active' while the sender types (refreshed), 'idle' when it stops. */
export function isComposingBody(state: 'active' | 'idle', refreshSeconds = 60): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing"><state>${state}</state><contenttype>text/plain</contenttype>${state === 'active' ? `<refresh>${refreshSeconds}</refresh>` : ''}</isComposing>`;
}

/** The state an isComposing document reports, or null when it is not one. */
export function parseIsComposing(body: string): { state: 'active' | 'idle'; refreshSeconds: number | null } | null {
  if (!/<isComposing\b[^>]*urn:ietf:params:xml:ns:im-iscomposing/.test(body)) return null;
  const state = /<state>\s*(active|idle)\s*<\/state>/.exec(body)?.[1] as 'active' | 'idle' | undefined;
  if (!state) return null;
  const refresh = /<refresh>\s*(\d{1,4})\s*<\/refresh>/.exec(body)?.[1];
  return { state, refreshSeconds: refresh ? Number(refresh) : null };
}

/** How many conversations an agent takes at once, and while on a voice call (a new one over it is refused, 486). */
export const ChatCapacitySchema = z
  .object({ conversations: z.number().int().min(1).max(20), onCall: z.number().int().min(0).max(20) })
  .strict()
  .refine((c) => c.onCall <= c.conversations, { message: 'no more on a call than at all', path: ['onCall'] });
export type ChatCapacity = z.infer<typeof ChatCapacitySchema>;

/** The limit now: lowered while the agent is on a voice call. */
export const chatLimit = (capacity: ChatCapacity, onCall: boolean): number => (onCall ? capacity.onCall : capacity.conversations);

const ConvId = Id;
/** The contract's arguments (shared/ipc-contract.ts). */
export const ChatIncomingSchema = z
  .object({
    from: z.string().max(64),
    contentType: z.string().max(200).optional(),
    body: z.string().max(64 * 1024),
    callId: z.string().max(256),
    cseq: z.number().int().min(0),
    /** Open conversations the desk takes now (chatLimit); a new one past it is refused 486. */
    limit: z.number().int().min(0).max(20).optional(),
  })
  .strict();
export type ChatIncoming = z.infer<typeof ChatIncomingSchema>;
export const ChatComposeSchema = z
  .object({
    conv: ConvId,
    text: z.string().min(1).max(20 * MAX_CHAT_CHARS),
    /** How long the agent typed it, ms (a phrase the desk sends by itself has none). */
    typingMs: z.number().int().min(0).max(3_600_000).optional(),
  })
  .strict();

/** The agent's typing speed (R-TYPING-30: at least 30 characters a minute). */
export interface TypingSpeed {
  readonly replies: number;
  readonly chars: number;
  readonly minutes: number;
  /** null before any typed reply. */
  readonly perMinute: number | null;
}
export const TYPING_TARGET_PER_MINUTE = 30;
/** Characters a minute from what was typed and how long it took (null: nothing typed). */
export const perMinute = (chars: number, typingMs: number): number | null => (typingMs > 0 ? Math.round((chars / typingMs) * 60_000) : null);
export const ChatSentSchema = z.object({ id: Id, code: z.number().int().min(100).max(699) }).strict();
export const ChatMessageIdSchema = z.object({ id: Id }).strict();
export const ChatConversationSchema = z.object({ conv: ConvId }).strict();

/**
 * Answers after which a chat message is sent again by itself, on both ends: no answer, or the peer
 * away for now (a registrar answers 404 or 480 for a desk or a page that is reconnecting).
 */
export const isRetryable = (code: number): boolean => [404, 408, 480, 500, 503, 504].includes(code);

/** Who is at the far end: a Zuoxi chat page (JSON), or a plain SIP client (text). */
export type PeerKind = 'zuoxi' | 'plain';

export interface Conversation {
  readonly id: string;
  readonly peer: string;
  readonly peerKind: PeerKind;
  readonly visitId: number | null;
  readonly openedAt: number;
  readonly closedAt: number | null;
}

export type ChatStatus = 'received' | 'queued' | 'delivered' | 'failed';

export interface ChatMessage {
  readonly id: string;
  readonly conv: string;
  readonly direction: 'in' | 'out';
  readonly seq: number | null;
  readonly text: string;
  /** The sender's clock. */
  readonly sentAt: number;
  /** When this desk stored it. */
  readonly storedAt: number;
  readonly status: ChatStatus;
  readonly attempts: number;
  readonly lastCode: number | null;
}

/** A chat MESSAGE that arrived, decided on the main side: the SIP answer and what was stored. */
export type ChatDelivery =
  | { readonly code: 200; readonly message: ChatMessage; readonly conversation: Conversation; readonly isNew: boolean }
  | { readonly code: 400 | 403 | 413 | 415 | 486; readonly reason: string };

/** A stored outgoing message as it goes on the wire to its peer. */
export interface ChatOutgoing {
  readonly message: ChatMessage;
  readonly to: string;
  readonly contentType: string;
  readonly body: string;
}

/** The wire form of an outgoing message, for its peer's kind. */
export function wireOf(message: Pick<ChatMessage, 'id' | 'conv' | 'seq' | 'text' | 'sentAt'>, peerKind: PeerKind): { contentType: string; body: string } {
  if (peerKind === 'plain') return { contentType: `${PLAIN_TEXT_TYPE};charset=utf-8`, body: message.text };
  const wire: ChatWire = { v: 1, kind: 'msg', id: message.id, conv: message.conv, seq: message.seq ?? 1, text: message.text, at: message.sentAt };
  return { contentType: CHAT_MESSAGE_TYPE, body: JSON.stringify(wire) };
}

/** Since when the customer has waited for an answer: their oldest message after the desk's last one (R-REPLY-3MIN; null: nobody waits). */
export function waitingSince(transcript: readonly Pick<ChatMessage, 'direction' | 'storedAt'>[]): number | null {
  let since: number | null = null;
  for (const m of transcript) {
    if (m.direction === 'out') since = null;
    else since ??= m.storedAt;
  }
  return since;
}

/**
 * Since when the customer has been silent after the desk answered (R-CLOSE-3-5): the desk's first
 * message after the customer's last one. The 3-minute prompt does not restart it; the customer
 * writing again does (and a customer who dropped and came back starts the 3/5 flow again).
 */
export function idleSince(transcript: readonly Pick<ChatMessage, 'direction' | 'storedAt'>[]): number | null {
  let heard = false;
  let since: number | null = null;
  for (const m of transcript) {
    if (m.direction === 'in') {
      heard = true;
      since = null;
    } else if (heard) since ??= m.storedAt;
  }
  return since;
}

/** Whether the 3-minute prompt went out in this silence already (sent by the desk, or by the agent's click). */
export const promptSent = (transcript: readonly Pick<ChatMessage, 'direction' | 'storedAt' | 'text'>[], since: number, prompt: string): boolean =>
  transcript.some((m) => m.direction === 'out' && m.storedAt >= since && m.text === prompt);

/** A conversation's clock: the reply (R-REPLY-3MIN) while the customer waits, the 3/5 idle clocks (R-CLOSE-3-5) while the desk does. */
export type ChatClock = 'reply' | 'idle-prompt' | 'idle-close';
export interface RunningChatClock {
  readonly conv: string;
  readonly peer: string;
  readonly clock: ChatClock;
  readonly startedAt: number;
}

/** Every running clock of these conversations, for the strip, the board and the reply alert. */
export function chatClocks(conversations: readonly Pick<Conversation, 'id' | 'peer'>[], transcripts: Readonly<Record<string, readonly Pick<ChatMessage, 'direction' | 'storedAt'>[]>>): RunningChatClock[] {
  const running: RunningChatClock[] = [];
  for (const c of conversations) {
    const transcript = transcripts[c.id] ?? [];
    const waiting = waitingSince(transcript);
    if (waiting !== null) running.push({ conv: c.id, peer: c.peer, clock: 'reply', startedAt: waiting });
    const idle = idleSince(transcript);
    if (idle !== null) for (const clock of ['idle-prompt', 'idle-close'] as const) running.push({ conv: c.id, peer: c.peer, clock, startedAt: idle });
  }
  return running;
}

/** The conversations, longest-waiting first; those where nobody waits after, oldest opened first. */
export function byUrgency<C extends Pick<Conversation, 'id' | 'openedAt'>>(conversations: readonly C[], transcripts: Readonly<Record<string, readonly Pick<ChatMessage, 'direction' | 'storedAt'>[]>>): C[] {
  const key = (c: C) => waitingSince(transcripts[c.id] ?? []) ?? Number.MAX_SAFE_INTEGER;
  return [...conversations].sort((a, b) => key(a) - key(b) || a.openedAt - b.openedAt);
}
