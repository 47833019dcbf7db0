/**
 * The softphone engine: the only code that touches sip.js and WebRTC. It owns the UserAgent,
 * the Registerer and every Session, and publishes plain snapshots (shared/softphone.ts) to whoever
 * listens (the store). Commands take call ids, never sip.js objects.
 *
 * - Registration heals itself through {@link RegistrationSupervisor} (backoff, re-REGISTER).
 * - Several calls may be live (call waiting, consult calls): answering, resuming or dialling
 *   puts the other live call on hold first, so the agent only ever talks to one party.
 * - Transfers: blind (REFER to a number) and attended (REFER with Replaces to a consult call).
 *   A REFER received on an established call is followed only when `allowRefer` says so (the call
 *   policy: refuse, internal only, or ask the agent), else answered 403; an INVITE that Replaces
 *   one of our calls is taken at once.
 * - Team messages (SIP MESSAGE) go out and come in through sip-messages.ts; the store never sees sip.js.
 * - Media follows the network and the headset: ICE restart when the OS reports the network back or
 *   ICE fails, microphone track and speaker sink switched mid-call when devices change.
 */
import { Invitation, Inviter, Registerer, RegistererState, RequestPendingError, SessionState, SIPExtension, UserAgent, type Referral, type Session } from 'sip.js';
import type { IncomingResponse } from 'sip.js/lib/core';
import type { SessionDescriptionHandler, SessionDescriptionHandlerOptions } from 'sip.js/lib/platform/web';
import { normaliseDialString } from '../../../../../shared/call-policy';
import type { ReconnectPolicy } from '../../../../../shared/reconnect-policy';
import { MONITOR_HEADER, type MonitorAuthorization, type MonitorMode, type MonitorRequest } from '../../../../../shared/monitoring';
import { sipDomain, type CallEndReason, type CallSnapshot, type MonitorSnapshot, type RegistrationSnapshot, type SipCredentials } from '../../../../../shared/softphone';
import { fastSessionDescriptionHandlerFactory, MicrophoneWarmer } from './media-factory';
import { RegistrationSupervisor, type LinePort, type RegisterOutcome } from './registration-supervisor';
import { MonitorLegs } from './monitor-legs';
import { playRemote } from './remote-audio';
import { incomingSipMessage, sendSipMessage, type IncomingSipMessage } from './sip-messages';

export interface PhoneSnapshot {
  readonly registration: RegistrationSnapshot;
  readonly calls: readonly CallSnapshot[];
  /** The most recent call that ended (for wrap-up and the one-click callback). */
  readonly lastEnded: CallSnapshot | null;
  /** DTMF digits received by SIP INFO on live calls, keyed by call id. */
  readonly dtmfReceived: Readonly<Record<string, string>>;
  /** Monitoring legs (issue 17), apart from the calls. */
  readonly monitors: readonly MonitorSnapshot[];
}

export type DtmfMode = 'rfc4733' | 'info';

export interface AudioProcessing {
  readonly echoCancellation: boolean;
  readonly noiseSuppression: boolean;
  readonly autoGainControl: boolean;
}

export interface EngineOptions {
  /** Answer for a new inbound call, given how many calls are live: a SIP refusal code, or null to ring. */
  readonly incomingPolicy: (liveCalls: number) => 480 | 486 | null;
  readonly audioProcessing: () => AudioProcessing;
  readonly dtmfMode: () => DtmfMode;
  /**
   * Whether to follow a REFER the far end sent on call `callId` to `target` (the SIP user, or the
   * whole URI for a foreign host). False answers 403; the decision must come within {@link REFER_DECISION_MS}.
   */
  readonly allowRefer: (request: { readonly callId: string; readonly target: string; readonly from: string }) => Promise<boolean>;
  /** Chosen microphone and earpiece (deviceId), undefined for the system default. */
  readonly devices: () => { readonly inputId?: string | undefined; readonly outputId?: string | undefined };
  /** Whether the caller of a monitoring INVITE may monitor this desk (decided on the main side). */
  readonly authorizeMonitor?: (from: string, token: string) => Promise<MonitorAuthorization>;
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
  iceTimer?: ReturnType<typeof setTimeout>;
}

/** Upper bound on ICE gathering; usually ended much earlier by the media factory (host candidates). */
const ICE_GATHERING_TIMEOUT_MS = 1_000;
const ICE_SERVERS: RTCIceServer[] = [];
/** ICE "disconnected" this long (not recovering by itself) → restart ICE. */
const ICE_DISCONNECTED_GRACE_MS = 2_000;

/** A REFER left unanswered this long is refused (the transferor's transaction times out at 32 s). */
export const REFER_DECISION_MS = 20_000;

const sdhOf = (session: Session) => session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;

export class SoftphoneEngine {
  private ua: UserAgent | undefined;
  private registerer: Registerer | undefined;
  private supervisor: RegistrationSupervisor | undefined;
  private readonly calls = new Map<string, LiveCall>();
  private registration: RegistrationSnapshot = { status: 'not-configured' };
  private lastEnded: CallSnapshot | null = null;
  private dtmfReceived: Record<string, string> = {};
  private readonly listeners = new Set<(s: PhoneSnapshot) => void>();
  private readonly messageListeners = new Set<(m: IncomingSipMessage) => void>();
  private nextCallId = 1;
  private readonly warmer = new MicrophoneWarmer();
  /** What a session sends instead of the microphone (a monitoring leg's mix). */
  private readonly outgoing = new WeakMap<Session, MediaStream>();
  private readonly monitors: MonitorLegs;
  private readonly now: () => number;
  private readonly log: (message: string) => void;

  constructor(private readonly options: EngineOptions) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => {});
    this.monitors = new MonitorLegs(
      {
        ua: () => this.requireUa(),
        uriOf: (target) => this.targetUri(target),
        customerSession: () => this.customerCall()?.session,
        constraints: () => this.constraints(),
        sinkId: () => this.options.devices().outputId ?? '',
        outgoing: this.outgoing,
        changed: () => this.publish(),
        now: this.now,
        log: this.log,
      },
      options.authorizeMonitor ?? (() => Promise.resolve({ ok: false, reason: 'monitoring is not enabled on this desk' })),
    );
  }

  /** Subscribes to snapshots; returns the unsubscribe function. */
  onDidChange(listener: (s: PhoneSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Incoming MESSAGEs (team messages); with no listener they are refused (415). */
  onMessage(listener: (m: IncomingSipMessage) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /** Sends a MESSAGE on the registered line; the final response code (408 when none came). */
  sendMessage(toUser: string, contentType: string, body: string): Promise<number> {
    return sendSipMessage(this.requireUa(), toUser, contentType, body);
  }

  snapshot(): PhoneSnapshot {
    return {
      registration: this.registration,
      calls: [...this.calls.values()].map((c) => c.snapshot),
      lastEnded: this.lastEnded,
      dtmfReceived: { ...this.dtmfReceived },
      monitors: this.monitors.snapshot(),
    };
  }

  /** Lead's desk: monitors `agent`'s call with a signed request from the main side; the leg's id. */
  monitor(agent: string, token: string, mode: MonitorMode, call: MonitorRequest['call']): Promise<string> {
    return this.monitors.start(agent, token, mode, call);
  }

  /** Lead's desk: switches a monitoring leg to another mode in place (a new signed request). */
  setMonitorMode(id: string, token: string, mode: MonitorMode): Promise<void> {
    return this.monitors.setMode(id, token, mode);
  }

  stopMonitor(id: string): Promise<void> {
    return this.monitors.stop(id);
  }

  /** Connects and registers with these credentials (stopping any previous line first). */
  async start(credentials: SipCredentials): Promise<void> {
    await this.stop();
    const { account, ha1, instanceId } = credentials;
    const uri = UserAgent.makeURI(account.sipUri);
    if (!uri) throw new Error(`invalid SIP URI ${account.sipUri}`);
    const ua = new UserAgent({
      uri,
      displayName: account.displayName || undefined,
      authorizationUsername: account.authUser,
      authorizationHa1: ha1,
      instanceId,
      instanceIdAlwaysAdded: true,
      sipExtensionReplaces: SIPExtension.Supported,
      transportOptions: { server: account.wsUri, connectionTimeout: 5, keepAliveInterval: 15 },
      logBuiltinEnabled: false,
      logConfiguration: false, // it would print the HA1
      logLevel: 'warn',
      // warnings and errors only: lower levels print whole SIP messages, Authorization headers included
      logConnector: (level, category, _label, content) => {
        if (level === 'warn' || level === 'error') this.log(`sip.js ${level} ${category}: ${content}`);
      },
      sessionDescriptionHandlerFactory: fastSessionDescriptionHandlerFactory(this.warmer, ICE_SERVERS, this.outgoing),
      sessionDescriptionHandlerFactoryOptions: {
        peerConnectionConfiguration: { iceServers: ICE_SERVERS },
        iceGatheringTimeout: ICE_GATHERING_TIMEOUT_MS,
      },
      delegate: {
        onInvite: (invitation) => this.onInvite(invitation),
        onMessage: (message) => {
          const m = incomingSipMessage(message);
          if (this.messageListeners.size === 0) return m.respond(415, 'no messages here');
          for (const l of this.messageListeners) l(m);
        },
        onConnect: () => void this.supervisor?.connected(),
        onDisconnect: (error) => {
          if (!this.supervisor?.active) return;
          this.log(`transport lost${error ? `: ${error.message}` : ''}`);
          this.supervisor.disconnected();
        },
      },
    });
    const registerer = new Registerer(ua, { expires: 300, refreshFrequency: 90, logConfiguration: false });
    this.ua = ua;
    this.registerer = registerer;
    this.supervisor = new RegistrationSupervisor(this.linePort(ua, registerer), {
      ...(this.options.random ? { random: this.options.random } : {}),
      ...(this.options.reconnect ? { policy: this.options.reconnect } : {}),
      onChange: (r) => this.setRegistration(r),
    });
    // sip.js refreshes the binding by itself, and drops to Unregistered when a refresh is refused
    // or the binding expires unanswered: that is a lapse to show and recover from
    const supervisor = this.supervisor;
    registerer.stateChange.addListener((state) => {
      if (state === RegistererState.Unregistered && this.registration.status === 'registered') {
        this.log('registration lapsed (refresh refused or unanswered)');
        supervisor.lapsed();
      }
    });
    await this.supervisor.start();
  }

  /** Unregisters (best effort), ends every call and closes the transport. */
  async stop(): Promise<void> {
    this.supervisor?.stop();
    const ua = this.ua;
    if (!ua) return;
    for (const id of [...this.calls.keys()]) await this.hangup(id).catch(() => {});
    if (this.registerer?.state === RegistererState.Registered) await this.registerer.unregister().catch(() => {});
    await ua.stop().catch(() => {});
    this.ua = this.registerer = this.supervisor = undefined;
    this.setRegistration({ status: 'stopped' });
  }

  /**
   * The page is going away (window closed, app quitting): hang up every call and unregister now,
   * without waiting for answers, so the PBX neither keeps a dead binding nor a half-open call.
   * Everything is sent in this task: nothing after the page is gone can be relied on.
   */
  leave(): void {
    this.supervisor?.stop();
    for (const call of this.calls.values()) {
      call.endReason ??= 'local-hangup';
      void this.hangup(call.snapshot.id).catch(() => {});
    }
    if (this.registerer?.state === RegistererState.Registered) void this.registerer.unregister().catch(() => {});
  }

  /** The OS reports the network is back: reconnect now, and restart ICE on every live call. */
  networkChanged(): void {
    this.supervisor?.online();
    for (const call of this.calls.values()) if (call.snapshot.phase === 'connected') void this.restartIce(call.snapshot.id);
  }

  /** Places a call to a number or SIP URI (holding the live call first, e.g. a consult call); returns its id. */
  async dial(target: string): Promise<string> {
    const ua = this.requireUa();
    const uri = this.targetUri(target);
    if (!uri) throw new Error(`cannot call ${target}`);
    const consult = [...this.calls.values()].some((c) => c.snapshot.phase === 'connected');
    await this.holdOthers();
    const inviter = new Inviter(ua, uri, { sessionDescriptionHandlerOptions: { constraints: this.constraints() } });
    const call = this.track(inviter, { direction: 'outbound', remoteUser: uri.user ?? target, phase: 'dialing', ...(consult ? { consult: true } : {}) });
    await this.invite(inviter, call);
    return call.snapshot.id;
  }

  /** Answers a ringing call; a live call is put on hold first (call waiting: hold-and-answer). */
  async answer(id: string): Promise<void> {
    const call = this.requireCall(id);
    if (!(call.session instanceof Invitation)) throw new Error('only an inbound call can be answered');
    const holding = this.holdOthers(id);
    if (holding) await holding;
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
   * far end is not played. Resuming puts the other live call on hold first.
   */
  async setHold(id: string, held: boolean): Promise<boolean> {
    const call = this.requireCall(id);
    if (call.snapshot.phase !== 'connected' || call.snapshot.held === held) return call.snapshot.held;
    if (!held) await this.holdOthers(id);
    const accepted = await this.reinvite(call, { hold: held, constraints: this.constraints() } as SessionDescriptionHandlerOptions, held ? 'hold' : 'resume');
    if (accepted) {
      this.update(call, { held, heldAt: held ? this.now() : undefined });
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
      if (!sdhOf(call.session)?.sendDtmf(tones, { duration: 100, interToneGap: 70 })) throw new Error('DTMF could not be sent');
      return;
    }
    for (const tone of tones) {
      await call.session.info({
        requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=100` } },
      });
    }
  }

  /**
   * Blind transfer: REFER the far end of call `id` to `target`; our leg ends once the far end has
   * accepted the REFER. A refused REFER leaves the call as it was.
   */
  async blindTransfer(id: string, target: string): Promise<void> {
    const call = this.requireConnected(id);
    const uri = this.targetUri(target);
    if (!uri) throw new Error(`cannot transfer to ${target}`);
    this.update(call, { transfer: { kind: 'blind', target: uri.user ?? target } });
    const accepted = await this.refer(call, uri);
    if (!accepted) throw new Error(`transfer to ${target} was refused`);
    call.endReason = 'transferred';
    await call.session.bye().catch(() => {});
  }

  /**
   * Attended transfer: call `id` (usually the held customer) is REFERred with Replaces to the party
   * of `consultId`, so the customer takes over our consult call. Both our legs end when the far end
   * reports the new call answered (NOTIFY 200); a failure leaves both calls up.
   */
  async attendedTransfer(id: string, consultId: string): Promise<void> {
    const call = this.requireConnected(id);
    const consult = this.requireConnected(consultId);
    this.update(call, { transfer: { kind: 'attended', target: consult.snapshot.remoteUser } });
    const outcome = await new Promise<number>((resolve) => {
      call.session
        .refer(consult.session, {
          requestDelegate: { onReject: (r: IncomingResponse) => resolve(r.message.statusCode ?? 500) },
          onNotify: (notification) => {
            void notification.accept();
            const code = Number(/SIP\/2\.0\s+(\d{3})/.exec(notification.request.body)?.[1] ?? 0);
            if (code >= 200) resolve(code);
          },
        })
        .catch(() => resolve(500));
    });
    if (outcome >= 300) {
      this.update(call, { transfer: undefined });
      throw new Error(`attended transfer failed (${outcome})`);
    }
    call.endReason = consult.endReason = 'transferred';
    await call.session.bye().catch(() => {});
    if (consult.session.state === SessionState.Established) await consult.session.bye().catch(() => {});
  }

  /** Renegotiates media with fresh ICE candidates (new network path) without dropping the call. */
  async restartIce(id: string): Promise<boolean> {
    const call = this.requireConnected(id);
    const ok = await this.reinvite(
      call,
      { hold: call.snapshot.held, constraints: this.constraints(), offerOptions: { iceRestart: true } } as SessionDescriptionHandlerOptions,
      'ICE restart',
    );
    if (ok) this.update(call, { iceRestarts: call.snapshot.iceRestarts + 1 });
    return ok;
  }

  /** Applies the current device choice to live calls: new microphone track, new speaker sink. */
  async applyDevices(): Promise<void> {
    for (const call of this.calls.values()) {
      const sdh = sdhOf(call.session);
      const pc = sdh?.peerConnection;
      if (!sdh || !pc || call.snapshot.phase !== 'connected') continue;
      await this.setSink(call);
      const stream = await navigator.mediaDevices.getUserMedia(this.constraints());
      const track = stream.getAudioTracks()[0];
      if (!track) continue;
      const sender = pc.getSenders().find((s) => s.track?.kind === 'audio');
      const old = sender?.track;
      await sender?.replaceTrack(track);
      if (old) {
        sdh.localMediaStream.removeTrack(old);
        old.stop();
      }
      sdh.localMediaStream.addTrack(track);
      this.applyMedia(call);
    }
    this.monitors.customerChanged(); // a monitoring mix keeps the agent's new microphone
  }

  // ---- internals ----

  /** A number as pasted ("138 0013 8000", "010-12345678") or a SIP URI, as a URI on our domain. */
  private targetUri(target: string) {
    const dialled = normaliseDialString(target);
    return UserAgent.makeURI(dialled.startsWith('sip:') ? dialled : `sip:${dialled}@${sipDomain(this.requireUa().configuration.uri.toString())}`);
  }

  private linePort(ua: UserAgent, registerer: Registerer): LinePort {
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

  private onInvite(invitation: Invitation): void {
    // a lead's monitoring request: never a customer call (no ringing, no call waiting, no visit)
    const token = invitation.request.getHeader(MONITOR_HEADER);
    if (token !== undefined) return void this.monitors.incoming(invitation, token.trim());
    const replaced = [...this.calls.values()].find((c) => c.session === invitation.replacee);
    if (!replaced) {
      const refusal = this.options.incomingPolicy(this.calls.size);
      if (refusal !== null) {
        this.log(`refused inbound call from ${invitation.remoteIdentity.uri.user ?? '?'} with ${refusal}`);
        void invitation.reject({ statusCode: refusal }).catch(() => {});
        return;
      }
    }
    // the microphone opens while the call rings; before the call is tracked, as publishing it may answer at once
    if (!replaced) this.warmer.warm(this.constraints());
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
    if (replaced) {
      // attended transfer: the transferee takes over a call we already have; sip.js ends the old one
      replaced.endReason = 'transferred';
      void invitation.accept({ sessionDescriptionHandlerOptions: { constraints: this.constraints() } }).catch((e: unknown) => this.log(`replacing call failed: ${String(e)}`));
    }
  }

  /**
   * A REFER from the far end: followed (the desk places the call asked for; our current leg is
   * ended by the transferor) only when the call policy allows it, else refused with 403.
   */
  private onRefer(call: LiveCall, referral: Referral): void {
    if (call.snapshot.phase !== 'connected') {
      void referral.reject({ statusCode: 603 });
      return;
    }
    const referTo = referral.referTo.uri;
    const ownDomain = sipDomain(this.requireUa().configuration.uri.toString());
    const target = referTo.host === ownDomain && referTo.user ? referTo.user : referTo.toString();
    const request = { callId: call.snapshot.id, target, from: call.snapshot.remoteUser };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const undecided = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), REFER_DECISION_MS)));
    void Promise.race([this.options.allowRefer(request).catch(() => false), undecided]).then((allowed) => {
      clearTimeout(timer);
      if (!allowed || call.snapshot.phase !== 'connected') {
        this.log(`refused REFER from ${request.from} to ${target} (403)`);
        return referral.reject({ statusCode: 403 }).catch(() => {});
      }
      return referral.accept().then(() => {
        const inviter = referral.makeInviter({ sessionDescriptionHandlerOptions: { constraints: this.constraints() } });
        const next = this.track(inviter, { direction: 'outbound', remoteUser: target, phase: 'dialing', consult: true });
        call.endReason = 'transferred';
        return this.invite(inviter, next);
      });
    });
  }

  private async invite(inviter: Inviter, call: LiveCall): Promise<void> {
    await inviter.invite({
      requestDelegate: {
        onReject: (response: IncomingResponse) => {
          const code = response.message.statusCode ?? 0;
          call.endCode = code;
          call.endReason = code === 486 || code === 600 ? 'busy' : code === 480 || code === 408 ? 'unanswered' : 'rejected';
        },
      },
    });
  }

  private async refer(call: LiveCall, uri: NonNullable<ReturnType<typeof UserAgent.makeURI>>): Promise<boolean> {
    const accepted = await new Promise<boolean>((resolve) => {
      call.session
        .refer(uri, {
          requestDelegate: { onAccept: () => resolve(true), onReject: () => resolve(false) },
          onNotify: (notification) => void notification.accept(),
        })
        .catch(() => resolve(false));
    });
    if (!accepted) this.update(call, { transfer: undefined });
    return accepted;
  }

  private async reinvite(call: LiveCall, sdhOptions: SessionDescriptionHandlerOptions, what: string): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      call.session
        .invite({
          sessionDescriptionHandlerOptions: sdhOptions,
          requestDelegate: {
            onAccept: () => resolve(true),
            onReject: (response: IncomingResponse) => {
              this.log(`${what} re-INVITE rejected: ${response.message.statusCode ?? '?'}`);
              resolve(false);
            },
          },
        })
        .catch((e: unknown) => {
          this.log(`${what} re-INVITE failed: ${String(e)}`);
          resolve(false);
        });
    });
  }

  /**
   * Puts every connected, unheld call except `except` on hold (one conversation at a time).
   * Synchronous when there is nothing to hold, so a plain answer is not delayed by a task switch.
   */
  private holdOthers(except?: string): Promise<void> | undefined {
    const others = [...this.calls.values()].filter((c) => c.snapshot.id !== except && c.snapshot.phase === 'connected' && !c.snapshot.held);
    if (others.length === 0) return undefined;
    return (async () => {
      for (const other of others) {
        if (!(await this.setHold(other.snapshot.id, true))) throw new Error(`could not hold the call with ${other.snapshot.remoteUser}`);
      }
    })();
  }

  private track(session: Session, initial: Pick<CallSnapshot, 'direction' | 'remoteUser' | 'remoteName' | 'phase' | 'consult'>): LiveCall {
    const id = `call-${this.nextCallId++}`;
    const call: LiveCall = { session, snapshot: { id, ...initial, held: false, muted: false, startedAt: this.now(), iceRestarts: 0 } };
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
      onRefer: (referral) => this.onRefer(call, referral),
    };
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        this.update(call, { phase: 'connected', answeredAt: this.now() });
        this.attachRemoteAudio(call);
        this.watchIce(call);
        this.monitors.customerChanged();
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
    clearTimeout(call.iceTimer);
    const answered = call.snapshot.answeredAt !== undefined;
    const endReason: CallEndReason = call.endReason ?? (answered ? 'dropped' : call.snapshot.direction === 'inbound' ? 'cancelled' : 'failed');
    this.calls.delete(call.snapshot.id);
    if (![...this.calls.values()].some((c) => c.snapshot.phase === 'ringing')) this.warmer.release();
    const { [call.snapshot.id]: _, ...rest } = this.dtmfReceived;
    this.dtmfReceived = rest;
    this.lastEnded = { ...call.snapshot, phase: 'ended', endedAt: this.now(), endReason, transfer: undefined, ...(call.endCode ? { endCode: call.endCode } : {}) };
    // the agent's leg ended (hung up, transferred): monitoring of it ends; another customer call re-wires it
    if (this.customerCall()) this.monitors.customerChanged();
    else this.monitors.endAgentSide();
    this.publish();
  }

  /** Restarts ICE when the connection fails, or stays disconnected past a grace period. */
  private watchIce(call: LiveCall): void {
    const pc = sdhOf(call.session)?.peerConnection;
    if (!pc) return;
    pc.addEventListener('iceconnectionstatechange', () => {
      clearTimeout(call.iceTimer);
      if (call.snapshot.phase !== 'connected') return;
      if (pc.iceConnectionState === 'failed') void this.restartIce(call.snapshot.id);
      else if (pc.iceConnectionState === 'disconnected') {
        call.iceTimer = setTimeout(() => {
          if (pc.iceConnectionState === 'disconnected' && this.calls.has(call.snapshot.id)) void this.restartIce(call.snapshot.id);
        }, ICE_DISCONNECTED_GRACE_MS);
      }
    });
  }

  /** Plays the far end (remote-audio.ts), on the chosen earpiece. */
  private attachRemoteAudio(call: LiveCall): void {
    const sdh = sdhOf(call.session);
    if (!sdh) return;
    call.audio = playRemote(sdh.remoteMediaStream, { zuoxiRemoteAudio: call.snapshot.id, zuoxiRemoteUser: call.snapshot.remoteUser }, this.log);
    void this.setSink(call);
    this.applyMedia(call);
  }

  private async setSink(call: LiveCall): Promise<void> {
    const sinkId = this.options.devices().outputId ?? '';
    if (!call.audio || call.audio.sinkId === sinkId) return;
    await call.audio.setSinkId(sinkId).catch((e: unknown) => this.log(`speaker could not be selected: ${String(e)}`));
  }

  private applyMedia(call: LiveCall): void {
    const sdh = sdhOf(call.session);
    if (!sdh) return;
    sdh.enableSenderTracks(!call.snapshot.held && !call.snapshot.muted);
    sdh.enableReceiverTracks(!call.snapshot.held);
  }

  /** The customer call in hand: connected and not a consult leg (the one a lead may monitor). */
  private customerCall(): LiveCall | undefined {
    return [...this.calls.values()].find((c) => c.snapshot.phase === 'connected' && !c.snapshot.consult && !c.snapshot.held) ?? [...this.calls.values()].find((c) => c.snapshot.phase === 'connected' && !c.snapshot.consult);
  }

  private constraints(): MediaStreamConstraints {
    const inputId = this.options.devices().inputId;
    return { audio: { ...this.options.audioProcessing(), ...(inputId ? { deviceId: { exact: inputId } } : {}) }, video: false };
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

  private requireConnected(id: string): LiveCall {
    const call = this.requireCall(id);
    if (call.snapshot.phase !== 'connected') throw new Error(`call ${id} is not connected`);
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
