/**
 * The softphone engine: the only code that touches sip.js and WebRTC. It owns the UserAgent,
 * the Registerer and every Session, and publishes plain snapshots (shared/softphone.ts) to whoever
 * listens (the store). Commands take call ids, never sip.js objects.
 *
 * Registration heals itself: after a transport drop it reconnects with backoff and jitter
 * (shared/reconnect-policy.ts) and registers again (sip.js does not re-register on its own).
 */
import { Invitation, Inviter, Registerer, RegistererState, SessionState, UserAgent, type Session } from 'sip.js';
import type { IncomingResponse } from 'sip.js/lib/core';
import type { SessionDescriptionHandler, SessionDescriptionHandlerOptions } from 'sip.js/lib/platform/web';
import { DEFAULT_RECONNECT_POLICY, reconnectDelay, type ReconnectPolicy } from '../../../../../shared/reconnect-policy';
import {
  sipDomain,
  type CallEndReason,
  type CallSnapshot,
  type RegistrationError,
  type RegistrationSnapshot,
  type SipCredentials,
} from '../../../../../shared/softphone';

export interface PhoneSnapshot {
  readonly registration: RegistrationSnapshot;
  readonly calls: readonly CallSnapshot[];
  /** The most recent call that ended (for wrap-up and the one-click callback). */
  readonly lastEnded: CallSnapshot | null;
  /** DTMF digits received by SIP INFO on live calls, keyed by call id. */
  readonly dtmfReceived: Readonly<Record<string, string>>;
}

export type DtmfMode = 'rfc4733' | 'info';

export interface AudioProcessing {
  readonly echoCancellation: boolean;
  readonly noiseSuppression: boolean;
  readonly autoGainControl: boolean;
}

export interface EngineOptions {
  /** Answer for a new inbound call: a SIP refusal code, or null to let it ring (agent state). */
  readonly incomingPolicy: () => 480 | 486 | null;
  readonly audioProcessing: () => AudioProcessing;
  readonly dtmfMode: () => DtmfMode;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly reconnect?: ReconnectPolicy;
  readonly log?: (message: string) => void;
}

interface LiveCall {
  readonly session: Session;
  snapshot: CallSnapshot;
  audio?: HTMLAudioElement;
  endReason?: CallEndReason;
  endCode?: number;
}

const ICE_GATHERING_TIMEOUT_MS = 300;

export class SoftphoneEngine {
  private ua: UserAgent | undefined;
  private registerer: Registerer | undefined;
  private readonly calls = new Map<string, LiveCall>();
  private registration: RegistrationSnapshot = { status: 'not-configured' };
  private lastEnded: CallSnapshot | null = null;
  private dtmfReceived: Record<string, string> = {};
  private readonly listeners = new Set<(s: PhoneSnapshot) => void>();
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private running = false;
  private registering = false;
  private nextCallId = 1;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly log: (message: string) => void;

  constructor(private readonly options: EngineOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? (() => {});
  }

  /** Subscribes to snapshots; returns the unsubscribe function. */
  onDidChange(listener: (s: PhoneSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): PhoneSnapshot {
    return {
      registration: this.registration,
      calls: [...this.calls.values()].map((c) => c.snapshot),
      lastEnded: this.lastEnded,
      dtmfReceived: { ...this.dtmfReceived },
    };
  }

  /** Connects and registers with these credentials (stopping any previous line first). */
  async start(credentials: SipCredentials): Promise<void> {
    await this.stop();
    const { account, ha1, instanceId } = credentials;
    const uri = UserAgent.makeURI(account.sipUri);
    if (!uri) throw new Error(`invalid SIP URI ${account.sipUri}`);
    this.running = true;
    this.attempt = 0;
    this.ua = new UserAgent({
      uri,
      displayName: account.displayName || undefined,
      authorizationUsername: account.authUser,
      authorizationHa1: ha1,
      instanceId,
      instanceIdAlwaysAdded: true,
      transportOptions: { server: account.wsUri, connectionTimeout: 5, keepAliveInterval: 15 },
      logBuiltinEnabled: false,
      logConfiguration: false, // it would print the HA1
      logLevel: 'warn',
      // warnings and errors only: lower levels print whole SIP messages, Authorization headers included
      logConnector: (level, category, _label, content) => {
        if (level === 'warn' || level === 'error') this.log(`sip.js ${level} ${category}: ${content}`);
      },
      sessionDescriptionHandlerFactoryOptions: {
        peerConnectionConfiguration: { iceServers: [] },
        iceGatheringTimeout: ICE_GATHERING_TIMEOUT_MS,
      },
      delegate: {
        onInvite: (invitation) => this.onInvite(invitation),
        onConnect: () => void this.onConnect(),
        onDisconnect: (error) => this.onDisconnect(error),
      },
    });
    this.registerer = new Registerer(this.ua, { expires: 300, refreshFrequency: 90, logConfiguration: false });
    this.setRegistration({ status: 'connecting' });
    try {
      await this.ua.start();
    } catch {
      this.scheduleReconnect('unreachable');
      return;
    }
    await this.onConnect();
  }

  /** Unregisters (best effort), ends every call and closes the transport. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.reconnectTimer);
    const ua = this.ua;
    if (!ua) return;
    for (const id of [...this.calls.keys()]) await this.hangup(id).catch(() => {});
    if (this.registerer?.state === RegistererState.Registered) await this.registerer.unregister().catch(() => {});
    await ua.stop().catch(() => {});
    this.ua = this.registerer = undefined;
    this.setRegistration({ status: 'stopped' });
  }

  /** Places a call to a number or SIP URI; returns its call id. */
  async dial(target: string): Promise<string> {
    const ua = this.requireUa();
    const uri = UserAgent.makeURI(target.startsWith('sip:') ? target : `sip:${target}@${sipDomain(ua.configuration.uri.toString())}`);
    if (!uri) throw new Error(`cannot call ${target}`);
    const inviter = new Inviter(ua, uri, { sessionDescriptionHandlerOptions: { constraints: this.constraints() } });
    const call = this.track(inviter, {
      direction: 'outbound',
      remoteUser: uri.user ?? target,
      phase: 'dialing',
    });
    await inviter.invite({
      requestDelegate: {
        onReject: (response: IncomingResponse) => {
          const code = response.message.statusCode ?? 0;
          call.endCode = code;
          call.endReason = code === 486 || code === 600 ? 'busy' : code === 480 || code === 408 ? 'unanswered' : 'rejected';
        },
      },
    });
    return call.snapshot.id;
  }

  async answer(id: string): Promise<void> {
    const call = this.requireCall(id);
    if (!(call.session instanceof Invitation)) throw new Error('only an inbound call can be answered');
    await call.session.accept({ sessionDescriptionHandlerOptions: { constraints: this.constraints() } });
  }

  /** Refuses a ringing inbound call (486 Busy Here by default, 603 Decline on request). */
  async reject(id: string, statusCode: 486 | 603 = 486): Promise<void> {
    const call = this.requireCall(id);
    if (!(call.session instanceof Invitation)) throw new Error('only an inbound call can be rejected');
    call.endReason = 'rejected';
    call.endCode = statusCode;
    await call.session.reject({ statusCode });
  }

  async hangup(id: string): Promise<void> {
    const call = this.requireCall(id);
    call.endReason ??= 'local-hangup';
    const session = call.session;
    switch (session.state) {
      case SessionState.Initial:
      case SessionState.Establishing:
        if (session instanceof Inviter) await session.cancel();
        else if (session instanceof Invitation) await session.reject();
        return;
      case SessionState.Established:
        await session.bye();
        return;
      default:
        return;
    }
  }

  /**
   * Hold (re-INVITE with sendonly) or resume. The held state changes only when the far end accepts,
   * so a failed re-INVITE leaves the call as it was. While held the microphone is not sent and the
   * far end is not played.
   */
  async setHold(id: string, held: boolean): Promise<boolean> {
    const call = this.requireCall(id);
    if (call.snapshot.phase !== 'connected' || call.snapshot.held === held) return call.snapshot.held;
    const accepted = await new Promise<boolean>((resolve) => {
      call.session
        .invite({
          sessionDescriptionHandlerOptions: { hold: held, constraints: this.constraints() } as SessionDescriptionHandlerOptions,
          requestDelegate: {
            onAccept: () => resolve(true),
            onReject: (response: IncomingResponse) => {
              this.log(`${held ? 'hold' : 'resume'} re-INVITE rejected: ${response.message.statusCode ?? '?'}`);
              resolve(false);
            },
          },
        })
        .catch((e: unknown) => {
          this.log(`${held ? 'hold' : 'resume'} re-INVITE failed: ${String(e)}`);
          resolve(false);
        });
    });
    if (accepted) {
      this.update(call, { held });
      this.applyMedia(call);
    }
    return accepted;
  }

  setMute(id: string, muted: boolean): void {
    const call = this.requireCall(id);
    this.update(call, { muted });
    this.applyMedia(call);
  }

  /** Sends DTMF digits (0-9, *, #, A-D) by RFC 4733 telephone-events or SIP INFO, per settings. */
  async sendDtmf(id: string, tones: string): Promise<void> {
    if (!/^[0-9A-D#*]+$/i.test(tones)) throw new Error(`invalid DTMF ${tones}`);
    const call = this.requireCall(id);
    if (this.options.dtmfMode() === 'rfc4733') {
      const sdh = call.session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
      if (!sdh?.sendDtmf(tones, { duration: 100, interToneGap: 70 })) throw new Error('DTMF could not be sent');
      return;
    }
    for (const tone of tones) {
      await call.session.info({
        requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=100` } },
      });
    }
  }

  // ---- internals ----

  private onInvite(invitation: Invitation): void {
    const refusal = this.options.incomingPolicy();
    if (refusal !== null) {
      this.log(`refused inbound call from ${invitation.remoteIdentity.uri.user ?? '?'} with ${refusal}`);
      void invitation.reject({ statusCode: refusal }).catch(() => {});
      return;
    }
    const call = this.track(invitation, {
      direction: 'inbound',
      remoteUser: invitation.remoteIdentity.uri.user ?? invitation.remoteIdentity.uri.toString(),
      remoteName: invitation.remoteIdentity.displayName || undefined,
      phase: 'ringing',
    });
    invitation.delegate = {
      ...invitation.delegate,
      onCancel: () => {
        call.endReason = 'cancelled';
      },
    };
  }

  private track(session: Session, initial: Pick<CallSnapshot, 'direction' | 'remoteUser' | 'remoteName' | 'phase'>): LiveCall {
    const id = `call-${this.nextCallId++}`;
    const call: LiveCall = { session, snapshot: { id, ...initial, held: false, muted: false, startedAt: this.now() } };
    this.calls.set(id, call);
    session.delegate = {
      onBye: (bye) => {
        call.endReason ??= 'remote-hangup';
        void bye.accept();
      },
      onInfo: (info) => {
        const signal = /Signal=\s*([0-9A-D#*])/i.exec(info.request.body)?.[1];
        void info.accept();
        if (signal) {
          this.dtmfReceived = { ...this.dtmfReceived, [id]: (this.dtmfReceived[id] ?? '') + signal };
          this.publish();
        }
      },
    };
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        this.update(call, { phase: 'connected', answeredAt: this.now() });
        this.attachRemoteAudio(call);
      } else if (state === SessionState.Terminated) {
        // sip.js terminates the session before it calls the invite's onReject with the response:
        // finish one microtask later so the end reason and code are known.
        queueMicrotask(() => this.finish(call));
      }
    });
    this.publish();
    return call;
  }

  private finish(call: LiveCall): void {
    call.audio?.remove();
    const answered = call.snapshot.answeredAt !== undefined;
    const endReason: CallEndReason = call.endReason ?? (answered ? 'dropped' : call.snapshot.direction === 'inbound' ? 'cancelled' : 'failed');
    this.calls.delete(call.snapshot.id);
    const { [call.snapshot.id]: _, ...rest } = this.dtmfReceived;
    this.dtmfReceived = rest;
    this.lastEnded = { ...call.snapshot, phase: 'ended', endedAt: this.now(), endReason, ...(call.endCode ? { endCode: call.endCode } : {}) };
    this.publish();
  }

  /** Plays the far end through an <audio> element (Chromium delivers no remote audio without one). */
  private attachRemoteAudio(call: LiveCall): void {
    const sdh = call.session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    if (!sdh) return;
    const audio = document.createElement('audio');
    audio.autoplay = true;
    audio.dataset['zuoxiRemoteAudio'] = call.snapshot.id;
    audio.srcObject = sdh.remoteMediaStream;
    document.body.append(audio);
    call.audio = audio;
    void audio.play().catch((e: unknown) => this.log(`remote audio did not start: ${String(e)}`));
    this.applyMedia(call);
  }

  private applyMedia(call: LiveCall): void {
    const sdh = call.session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    if (!sdh) return;
    sdh.enableSenderTracks(!call.snapshot.held && !call.snapshot.muted);
    sdh.enableReceiverTracks(!call.snapshot.held);
  }

  private async onConnect(): Promise<void> {
    if (!this.running || !this.registerer || this.registering) return;
    this.registering = true;
    try {
      await new Promise<void>((resolve) => {
        this.registerer!
          .register({
            requestDelegate: {
              // set here, not only on the Registerer's state change: after a reconnect it is still
              // "Registered" in sip.js's eyes, so a successful re-REGISTER emits no transition
              onAccept: () => {
                this.attempt = 0;
                this.setRegistration({ status: 'registered' });
                resolve();
              },
              onReject: (response: IncomingResponse) => {
                const code = response.message.statusCode ?? 0;
                const error: RegistrationError = code === 401 || code === 407 ? 'auth-failed' : code === 403 ? 'forbidden' : 'rejected';
                this.failRegistration(error, code);
                resolve();
              },
            },
          })
          .catch(() => resolve());
      });
    } finally {
      this.registering = false;
    }
  }

  /** A refusal by the registrar is final until the agent changes the account: no retry loop. */
  private failRegistration(error: RegistrationError, code: number): void {
    this.running = false;
    clearTimeout(this.reconnectTimer);
    this.setRegistration({ status: 'failed', error, code });
    void this.ua?.stop().catch(() => {});
  }

  private onDisconnect(error?: Error): void {
    if (!this.running) return;
    this.log(`transport lost${error ? `: ${error.message}` : ''}`);
    this.scheduleReconnect('unreachable');
  }

  private scheduleReconnect(error: RegistrationError): void {
    if (!this.running) return;
    clearTimeout(this.reconnectTimer);
    const delay = reconnectDelay(this.attempt, this.random, this.options.reconnect ?? DEFAULT_RECONNECT_POLICY);
    this.attempt += 1;
    this.setRegistration({ status: 'reconnecting', error, attempt: this.attempt });
    this.reconnectTimer = setTimeout(() => {
      if (!this.running || !this.ua) return;
      this.ua.reconnect().then(
        () => void this.onConnect(),
        () => this.scheduleReconnect('unreachable'),
      );
    }, delay);
  }

  private constraints(): MediaStreamConstraints {
    return { audio: { ...this.options.audioProcessing() }, video: false };
  }

  private requireUa(): UserAgent {
    if (!this.ua || this.registration.status !== 'registered') throw new Error('the line is not registered');
    return this.ua;
  }

  private requireCall(id: string): LiveCall {
    const call = this.calls.get(id);
    if (!call) throw new Error(`no call ${id}`);
    return call;
  }

  private update(call: LiveCall, patch: Partial<CallSnapshot>): void {
    call.snapshot = { ...call.snapshot, ...patch };
    this.publish();
  }

  private setRegistration(r: RegistrationSnapshot): void {
    this.registration = r;
    this.publish();
  }

  private publish(): void {
    const s = this.snapshot();
    for (const l of this.listeners) l(s);
  }
}
