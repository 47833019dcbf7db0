/**
 * Keeps the line registered: connect, REGISTER, and after a transport drop reconnect with backoff
 * and jitter and REGISTER again (sip.js does not re-register by itself after a reconnect).
 * No sip.js here: the engine provides the transport as a {@link LinePort}, tests provide a fake.
 *
 * Rules
 * - One REGISTER at a time: a connect event while one is in flight is ignored (sip.js would throw
 *   "REGISTER request already in progress").
 * - A registrar refusal (401/407 wrong password, 403, 404, other 4xx and 6xx) is final until the
 *   agent changes the account: no retry loop hammering the PBX with a bad password.
 * - A transport failure, a timeout (408) or a server in trouble (480, 5xx) is never final: retry with {@link reconnectDelay}; the attempt counter
 *   resets after a successful REGISTER.
 * - `online` (the OS says the network is back) retries at once instead of waiting out the backoff.
 * - A registration that lapses while the transport stays up (a refresh refused, or unanswered until
 *   the binding expired) is shown at once (`reconnecting`, error `lapsed`) and registered again with
 *   the same backoff: sip.js refreshes by itself but never recovers from a failed refresh. A
 *   refresh still waiting for its answer counts as transient (sip.js refuses a second REGISTER).
 */
import { DEFAULT_RECONNECT_POLICY, reconnectDelay, type ReconnectPolicy } from '../../../../../shared/reconnect-policy';
import { RequestPendingError, type Registerer, type UserAgent } from 'sip.js';
import type { IncomingResponse } from 'sip.js/lib/core';
import type { RegistrationError, RegistrationSnapshot } from '../../../../../shared/softphone';

export type RegisterOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: number }
  | { readonly ok: false; readonly transport: true }
  /** sip.js still waits for the answer to an earlier REGISTER (an unanswered refresh). */
  | { readonly ok: false; readonly pending: true };

export interface LinePort {
  /** First connect (`initial`) or reconnect of the transport; rejects when the server cannot be reached. */
  connect(initial: boolean): Promise<void>;
  register(): Promise<RegisterOutcome>;
  /** Closes the transport after a final refusal. */
  close(): Promise<void>;
}

/** A sip.js UserAgent and its Registerer as the supervisor's line (the desk's, and the web-chat page's). */
export function sipLinePort(ua: UserAgent, registerer: Registerer): LinePort {
  return {
    connect: (initial) => (initial ? ua.start() : ua.reconnect()),
    close: () => ua.stop().catch(() => {}),
    register: () =>
      new Promise<RegisterOutcome>((resolve) => {
        registerer
          .register({
            requestDelegate: {
              // resolved here, not by the Registerer's state: after a reconnect it is still
              // "Registered" in sip.js's eyes, so a successful re-REGISTER emits no transition
              onAccept: () => resolve({ ok: true }),
              onReject: (response: IncomingResponse) => resolve({ ok: false, code: response.message.statusCode ?? 0 }),
            },
          })
          .catch((e: unknown) => resolve(e instanceof RequestPendingError ? { ok: false, pending: true } : { ok: false, transport: true }));
      }),
  };
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SupervisorOptions {
  readonly policy?: ReconnectPolicy;
  readonly random?: () => number;
  readonly timers?: Timers;
  readonly onChange: (registration: RegistrationSnapshot) => void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Refusals worth retrying: the server is busy or restarting, not saying no to this account. */
const isTransient = (code: number): boolean => code === 408 || code === 480 || (code >= 500 && code < 600);

export function errorForCode(code: number): RegistrationError {
  return code === 401 || code === 407 ? 'auth-failed' : code === 403 ? 'forbidden' : 'rejected';
}

export class RegistrationSupervisor {
  private running = false;
  private registering = false;
  private attempt = 0;
  private timer: unknown;
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly policy: ReconnectPolicy;

  constructor(
    private readonly port: LinePort,
    private readonly options: SupervisorOptions,
  ) {
    this.timers = options.timers ?? realTimers;
    this.random = options.random ?? Math.random;
    this.policy = options.policy ?? DEFAULT_RECONNECT_POLICY;
  }

  get active(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    this.running = true;
    this.attempt = 0;
    this.options.onChange({ status: 'connecting' });
    await this.connect(true);
  }

  stop(): void {
    this.running = false;
    this.timers.clearTimeout(this.timer);
  }

  /** The transport is up (first connect or a reconnect): REGISTER unless one is already in flight. */
  async connected(): Promise<void> {
    if (!this.running || this.registering) return;
    this.registering = true;
    try {
      const outcome = await this.port.register();
      if (!this.running) return;
      if (outcome.ok) {
        this.attempt = 0;
        this.options.onChange({ status: 'registered' });
      } else if ('code' in outcome && !isTransient(outcome.code)) {
        this.running = false;
        this.timers.clearTimeout(this.timer);
        this.options.onChange({ status: 'failed', error: errorForCode(outcome.code), code: outcome.code });
        await this.port.close();
      } else if ('pending' in outcome) {
        this.reRegister(false);
      } else {
        this.scheduleRetry();
      }
    } finally {
      this.registering = false;
    }
  }

  /** The registrar no longer has us (a refresh failed) although the transport is up. */
  lapsed(): void {
    if (this.running && !this.registering) this.reRegister(this.attempt === 0);
  }

  /** The transport dropped (or a keepalive found the proxy dead). */
  disconnected(): void {
    if (this.running) this.scheduleRetry();
  }

  /** The network came back: try now rather than at the end of the backoff. */
  online(): void {
    if (!this.running || this.attempt === 0) return;
    this.timers.clearTimeout(this.timer);
    void this.connect(false);
  }

  /** REGISTER again on the same transport: at once, or after the backoff. */
  private reRegister(now: boolean): void {
    this.timers.clearTimeout(this.timer);
    const delay = now ? 0 : reconnectDelay(this.attempt, this.random, this.policy);
    this.attempt += 1;
    this.options.onChange({ status: 'reconnecting', error: 'lapsed', attempt: this.attempt });
    this.timer = this.timers.setTimeout(() => void this.connected(), delay);
  }

  private scheduleRetry(): void {
    if (!this.running) return;
    this.timers.clearTimeout(this.timer);
    const delay = reconnectDelay(this.attempt, this.random, this.policy);
    this.attempt += 1;
    this.options.onChange({ status: 'reconnecting', error: 'unreachable', attempt: this.attempt });
    this.timer = this.timers.setTimeout(() => void this.connect(false), delay);
  }

  private async connect(initial: boolean): Promise<void> {
    if (!this.running) return;
    try {
      await this.port.connect(initial);
    } catch {
      this.scheduleRetry();
      return;
    }
    await this.connected();
  }
}
