import { Messager, UserAgent, type Message } from 'sip.js';
import { sipDomain } from '../../../../../shared/softphone';

/** An incoming SIP MESSAGE, answered exactly once with `respond`. */
export interface IncomingSipMessage {
  /** The sender's SIP user (proven by the PBX's digest check of the From user). */
  readonly from: string;
  readonly contentType: string | undefined;
  readonly body: string;
  respond(code: 200 | 400 | 403 | 413 | 415 | 500, reason?: string): void;
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

/** Wraps sip.js's incoming message for the listener. */
export function incomingSipMessage(message: Message): IncomingSipMessage {
  const request = message.request;
  let answered = false;
  return {
    from: request.from.uri.user ?? '',
    contentType: request.getHeader('Content-Type'),
    body: request.body ?? '',
    respond: (code, reason) => {
      if (answered) return;
      answered = true;
      void (code === 200 ? message.accept() : message.reject({ statusCode: code, ...(reason ? { reasonPhrase: reason.slice(0, 60) } : {}) })).catch(() => {});
    },
  };
}
