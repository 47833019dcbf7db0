/**
 * In-dialog SIP requests as promises of their outcome: sip.js reports results through delegates,
 * and a session's state alone does not say whether a re-INVITE or a REFER was accepted.
 */
import type { Inviter, Session } from 'sip.js';
import type { IncomingResponse } from 'sip.js/lib/core';
import type { SessionDescriptionHandler, SessionDescriptionHandlerOptions } from 'sip.js/lib/platform/web';

export type DtmfMode = 'rfc4733' | 'info';

/** A re-INVITE (hold, resume, ICE restart): whether the far end accepted it. */
export function reinvite(session: Session, options: SessionDescriptionHandlerOptions, what: string, log: (m: string) => void): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    session
      .invite({
        sessionDescriptionHandlerOptions: options,
        requestDelegate: {
          onAccept: () => resolve(true),
          onReject: (response: IncomingResponse) => {
            log(`${what} re-INVITE rejected: ${response.message.statusCode ?? '?'}`);
            resolve(false);
          },
        },
      })
      .catch((e: unknown) => {
        log(`${what} re-INVITE failed: ${String(e)}`);
        resolve(false);
      });
  });
}

/** The first INVITE; `rejected` gets the final code of a failed attempt before the session terminates. */
export async function invite(inviter: Inviter, rejected: (code: number) => void): Promise<void> {
  await inviter.invite({ requestDelegate: { onReject: (response: IncomingResponse) => rejected(response.message.statusCode ?? 0) } });
}

/** REFER to a URI (blind transfer): whether the far end accepted it. */
export function refer(session: Session, target: Parameters<Session['refer']>[0]): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    session
      .refer(target, {
        requestDelegate: { onAccept: () => resolve(true), onReject: () => resolve(false) },
        onNotify: (notification) => void notification.accept(),
      })
      .catch(() => resolve(false));
  });
}

/** REFER with Replaces (attended transfer): the final code of the new call, as the far end NOTIFYs it. */
export function referReplacing(session: Session, replaced: Session): Promise<number> {
  return new Promise<number>((resolve) => {
    session
      .refer(replaced, {
        requestDelegate: { onReject: (r: IncomingResponse) => resolve(r.message.statusCode ?? 500) },
        onNotify: (notification) => {
          void notification.accept();
          const code = Number(/SIP\/2\.0\s+(\d{3})/.exec(notification.request.body)?.[1] ?? 0);
          if (code >= 200) resolve(code);
        },
      })
      .catch(() => resolve(500));
  });
}

/** Sends DTMF digits (0-9, *, #, A-D) by RFC 4733 telephone-events or SIP INFO. */
export async function sendDtmf(session: Session, tones: string, mode: DtmfMode): Promise<void> {
  if (!/^[0-9A-D#*]+$/i.test(tones)) throw new Error(`invalid DTMF ${tones}`);
  if (mode === 'rfc4733') {
    const sdh = session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    if (!sdh?.sendDtmf(tones, { duration: 100, interToneGap: 70 })) throw new Error('DTMF could not be sent');
    return;
  }
  for (const tone of tones) {
    await session.info({
      requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=100` } },
    });
  }
}

/** The digit of a received SIP INFO (application/dtmf-relay), if it carries one. */
export const dtmfSignal = (body: string): string | undefined => /Signal=\s*([0-9A-D#*])/i.exec(body)?.[1];
