import { randomBytes, timingSafeEqual } from 'node:crypto';
import { TICKET_TTL_MS } from '../../shared/browser-host-protocol.js';

const secret = () => randomBytes(32).toString('base64url');

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * One-time launch tickets and the session credentials they are exchanged for (browser host).
 *
 * A ticket is put in the URL given to Chromium (`--app=…#ticket=…`), so every local user can read
 * it in the process list: it is therefore good for one exchange, within {@link TICKET_TTL_MS}, and
 * for nothing else. The credential it buys is handed only to the page that presented it, and is
 * never printed or logged; it opens IPC sockets for the host's lifetime.
 */
export class LaunchTickets {
  private readonly tickets = new Map<string, number>();
  private readonly sessions: string[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** A fresh ticket, valid once for {@link TICKET_TTL_MS}. */
  mint(): string {
    this.sweep();
    const ticket = secret();
    this.tickets.set(ticket, this.now() + TICKET_TTL_MS);
    return ticket;
  }

  /** The session credential for an unused, unexpired ticket (which is spent either way), else null. */
  redeem(ticket: string): string | null {
    this.sweep();
    const expires = this.tickets.get(ticket);
    if (expires === undefined) return null;
    this.tickets.delete(ticket);
    if (this.now() > expires) return null;
    const credential = secret();
    this.sessions.push(credential);
    return credential;
  }

  /** Whether this is a credential some ticket was exchanged for (a ticket itself never is). */
  isSession(credential: string): boolean {
    return this.sessions.some((s) => sameSecret(s, credential));
  }

  private sweep(): void {
    const now = this.now();
    for (const [ticket, expires] of this.tickets) if (now > expires) this.tickets.delete(ticket);
  }
}
