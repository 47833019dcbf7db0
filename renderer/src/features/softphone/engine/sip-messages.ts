import { Messager, UserAgent, type Message } from 'sip.js';
import { mediaType, sipDomain } from '../../../../../shared/softphone';

/** The final answers a MESSAGE's receiver gives here (481: not a conversation of this page). */
export type MessageAnswer = 200 | 400 | 403 | 413 | 415 | 481 | 486 | 500;

/** An incoming SIP MESSAGE, answered exactly once with `respond`. */
export interface IncomingSipMessage {
  /** The sender's SIP user (proven by the PBX's digest check of the From user). */
  readonly from: string;
  readonly contentType: string | undefined;
  readonly body: string;
  /** The request's Call-ID and CSeq: a retransmission repeats both. */
  readonly callId: string;
  readonly cseq: number;
  respond(code: MessageAnswer, reason?: string, extraHeaders?: readonly string[]): void;
}

/**
 * Incoming MESSAGEs by content type: each type has exactly one owner (team messages, chat…), so a
 * message is never handled twice or by the wrong feature. A type nobody owns is answered 415 with an
 * Accept header of the types this desk takes (RFC 3428, 3261 §21.4.13).
 */
export class MessageRouter {
  private readonly owners = new Map<string, (m: IncomingSipMessage) => void>();

  /** Makes `owner` the one receiver of these content types; returns the release. */
  own(types: readonly string[], owner: (m: IncomingSipMessage) => void): () => void {
    const keys = types.map((t) => mediaType(t));
    for (const key of keys) if (this.owners.has(key)) throw new Error(`MESSAGEs of type ${key} already have an owner`);
    for (const key of keys) this.owners.set(key, owner);
    return () => {
      for (const key of keys) if (this.owners.get(key) === owner) this.owners.delete(key);
    };
  }

  deliver(message: IncomingSipMessage): void {
    const type = mediaType(message.contentType);
    const owner = this.owners.get(type);
    if (owner) return owner(message);
    message.respond(415, `not taken here: ${type || '(no content type)'}`, [`Accept: ${[...this.owners.keys()].join(', ')}`]);
  }
}

/** No final response within this → the send failed (408), so the caller retries. */
const SEND_TIMEOUT_MS = 10_000;

/** Sends a MESSAGE to a user of the line's domain; resolves with the final response code. */
export function sendSipMessage(ua: UserAgent, toUser: string, contentType: string, body: string): Promise<number> {
  const uri = UserAgent.makeURI(`sip:${toUser}@${sipDomain(ua.configuration.uri.toString())}`);
  if (!uri) return Promise.reject(new Error(`cannot address ${toUser}`));
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => resolve(408), SEND_TIMEOUT_MS);
    const done = (code: number) => {
      clearTimeout(timer);
      resolve(code);
    };
    new Messager(ua, uri, body, contentType)
      .message({ requestDelegate: { onAccept: (r) => done(r.message.statusCode ?? 200), onReject: (r) => done(r.message.statusCode ?? 500) } })
      .catch((e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      });
  });
}

/**
 * A reason as a SIP status line carries it: printable ASCII without quotes, at most 60 characters
 * (seen on the test Kamailio: with a quote in the phrase the sender never got the answer, and timed out with 408).
 */
export const reasonPhrase = (reason: string): string => reason.replace(/[^\x20-\x7e]|"/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60) || 'refused';

/** Wraps sip.js's incoming message for the listener. */
export function incomingSipMessage(message: Message): IncomingSipMessage {
  const request = message.request;
  let answered = false;
  return {
    from: request.from.uri.user ?? '',
    contentType: request.getHeader('Content-Type'),
    body: request.body ?? '',
    callId: request.callId,
    cseq: request.cseq,
    respond: (code, reason, extraHeaders) => {
      if (answered) return;
      answered = true;
      const options = { ...(reason ? { reasonPhrase: reasonPhrase(reason) } : {}), ...(extraHeaders ? { extraHeaders: [...extraHeaders] } : {}) };
      void (code === 200 ? message.accept() : message.reject({ statusCode: code, ...options })).catch(() => {});
    },
  };
}
