/**
 * The softphone engine: the only code that touches sip.js and WebRTC. It owns the UserAgent and
 * the Registerer, and every session by its role (shared/softphone.ts SessionRole): customer and
 * consult calls (call-sessions.ts), monitoring legs (monitor-legs.ts). All audio goes through one
 * graph (desk-audio.ts), and in-dialog requests through signalling.ts. It publishes plain snapshots
 * to whoever listens (the store); commands take call ids, never sip.js objects.
 *
 * - Registration heals itself through {@link RegistrationSupervisor} (backoff, re-REGISTER).
 * - MESSAGEs go out and come in through sip-messages.ts, each content type to one owner; the store never sees sip.js.
 * - A headset change is a new microphone under the same mixes (no renegotiation); a network change
 *   restarts ICE on every call.
 */
import { Registerer, RegistererState, SIPExtension, UserAgent } from 'sip.js';
import { normaliseDialString } from '../../../../../shared/call-policy';
import type { ReconnectPolicy } from '../../../../../shared/reconnect-policy';
import { MONITOR_HEADER, type MonitorAuthorization, type MonitorMode, type MonitorRequest, type PbxMonitoring } from '../../../../../shared/monitoring';
import { sipDomain, type CallSnapshot, type MonitorSnapshot, type RegistrationSnapshot, type SipCredentials } from '../../../../../shared/softphone';
import { CallSessions } from './call-sessions';
import { DeskAudio } from './desk-audio';
import { fastSessionDescriptionHandlerFactory } from './media-factory';
import { MonitorLegs } from './monitor-legs';
import { RegistrationSupervisor, sipLinePort } from './registration-supervisor';
import { incomingSipMessage, MessageRouter, sendSipMessage, type IncomingSipMessage } from './sip-messages';
import type { DtmfMode } from './signalling';

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
   * whole URI for a foreign host). False answers 403; the decision must come within REFER_DECISION_MS (call-sessions.ts).
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

/** Upper bound on ICE gathering; usually ended much earlier by the media factory (host candidates). */
const ICE_GATHERING_TIMEOUT_MS = 1_000;
const ICE_SERVERS: RTCIceServer[] = [];

export class SoftphoneEngine {
  private ua: UserAgent | undefined;
  private registerer: Registerer | undefined;
  private supervisor: RegistrationSupervisor | undefined;
  private registration: RegistrationSnapshot = { status: 'not-configured' };
  private dtmfReceived: Record<string, string> = {};
  private readonly listeners = new Set<(s: PhoneSnapshot) => void>();
  private readonly messages = new MessageRouter();
  private readonly audio: DeskAudio;
  private readonly calls: CallSessions;
  private readonly monitors: MonitorLegs;
  private readonly now: () => number;
  private readonly log: (message: string) => void;

  constructor(private readonly options: EngineOptions) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => {});
    const publish = () => this.publish();
    this.audio = new DeskAudio({ constraints: () => this.constraints(), sinkId: () => options.devices().outputId ?? '', log: this.log });
    this.calls = new CallSessions({
      ua: () => this.requireUa(),
      uriOf: (target) => this.targetUri(target),
      userOf: (uri) => (uri.host === sipDomain(this.requireUa().configuration.uri.toString()) && uri.user ? uri.user : uri.toString()),
      audio: this.audio,
      incomingPolicy: options.incomingPolicy,
      dtmfMode: options.dtmfMode,
      allowRefer: options.allowRefer,
      callInHandChanged: () => this.monitors.callInHandChanged(),
      dtmfReceived: (id, digit) => {
        if (!digit) return;
        this.dtmfReceived = { ...this.dtmfReceived, [id]: (this.dtmfReceived[id] ?? '') + digit };
        this.publish();
      },
      changed: publish,
      now: this.now,
      log: this.log,
    });
    this.monitors = new MonitorLegs(
      { ua: () => this.requireUa(), uriOf: (target) => this.targetUri(target), callInHand: () => this.calls.inHand(), audio: this.audio, dtmfMode: options.dtmfMode, changed: publish, now: this.now, log: this.log },
      options.authorizeMonitor ?? (() => Promise.resolve({ ok: false, reason: 'monitoring is not enabled on this desk' })),
    );
  }

  /** Subscribes to snapshots; returns the unsubscribe function. */
  onDidChange(listener: (s: PhoneSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Incoming MESSAGEs of these content types go to `owner` alone (others are refused with 415); returns the release. */
  onMessages(types: readonly string[], owner: (m: IncomingSipMessage) => void): () => void {
    return this.messages.own(types, owner);
  }

  /** Sends a MESSAGE on the registered line; the final response code (408 when none came). */
  sendMessage(toUser: string, contentType: string, body: string): Promise<number> {
    return sendSipMessage(this.requireUa(), toUser, contentType, body);
  }

  snapshot(): PhoneSnapshot {
    const calls = this.calls.snapshot();
    // digits are kept for live calls only
    this.dtmfReceived = Object.fromEntries(Object.entries(this.dtmfReceived).filter(([id]) => calls.some((c) => c.id === id)));
    return { registration: this.registration, calls, lastEnded: this.calls.lastEnded, dtmfReceived: { ...this.dtmfReceived }, monitors: this.monitors.snapshot() };
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
      sessionDescriptionHandlerFactory: fastSessionDescriptionHandlerFactory((session) => this.audio.outgoing(session), ICE_SERVERS),
      sessionDescriptionHandlerFactoryOptions: {
        peerConnectionConfiguration: { iceServers: ICE_SERVERS },
        iceGatheringTimeout: ICE_GATHERING_TIMEOUT_MS,
      },
      delegate: {
        onInvite: (invitation) => {
          // a lead's monitoring request: never a customer call (no ringing, no call waiting, no visit)
          const token = invitation.request.getHeader(MONITOR_HEADER);
          if (token !== undefined) void this.monitors.incoming(invitation, token.trim());
          else this.calls.incoming(invitation);
        },
        onMessage: (message) => this.messages.deliver(incomingSipMessage(message)),
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
    this.supervisor = new RegistrationSupervisor(sipLinePort(ua, registerer), {
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
    for (const call of this.calls.snapshot()) await this.calls.hangup(call.id).catch(() => {});
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
    this.calls.hangupAll();
    if (this.registerer?.state === RegistererState.Registered) void this.registerer.unregister().catch(() => {});
  }

  /** The OS reports the network is back: reconnect now, and restart ICE on every live call. */
  networkChanged(): void {
    this.supervisor?.online();
    this.calls.networkChanged();
  }

  // ---- calls (call-sessions.ts) ----
  dial = (target: string) => this.calls.dial(target);
  answer = (id: string) => this.calls.answer(id);
  reject = (id: string, statusCode: 486 | 603 = 486) => this.calls.reject(id, statusCode);
  hangup = (id: string) => this.calls.hangup(id);
  setHold = (id: string, held: boolean) => this.calls.setHold(id, held);
  setMute = (id: string, muted: boolean) => this.calls.setMute(id, muted);
  sendDtmf = (id: string, tones: string) => this.calls.sendDtmf(id, tones);
  blindTransfer = (id: string, target: string) => this.calls.blindTransfer(id, target);
  attendedTransfer = (id: string, consultId: string) => this.calls.attendedTransfer(id, consultId);
  restartIce = (id: string) => this.calls.restartIce(id);

  // ---- monitoring (monitor-legs.ts) ----
  /** Lead's desk: monitors `agent`'s call with a signed request from the main side; the leg's id. */
  monitor = (agent: string, token: string, mode: MonitorMode, call: MonitorRequest['call']) => this.monitors.start(agent, token, mode, call);
  /** Lead's desk, PBX-side monitoring: dials the feature code for `agent`, switches by DTMF. */
  monitorViaPbx = (agent: string, pbx: PbxMonitoring, mode: MonitorMode, call: MonitorRequest['call']) => this.monitors.startViaPbx(agent, pbx, mode, call);
  /** Lead's desk: switches a monitoring leg to another mode in place (a new signed request; null for a PBX leg). */
  setMonitorMode = (id: string, token: string | null, mode: MonitorMode) => this.monitors.setMode(id, token, mode);
  stopMonitor = (id: string) => this.monitors.stop(id);

  /** Both sides of call `id`, for the recorder (ends with the call); undefined before it has media. */
  recordingStream(id: string): MediaStream | undefined {
    return this.audio.record(id);
  }

  /** Applies the current device choice: a new microphone under every mix, the new earpiece for every leg. */
  applyDevices(): Promise<void> {
    return this.audio.applyDevices();
  }

  // ---- internals ----

  /** A number as pasted ("138 0013 8000", "010-12345678") or a SIP URI, as a URI on our domain. */
  private targetUri(target: string) {
    const dialled = normaliseDialString(target);
    return UserAgent.makeURI(dialled.startsWith('sip:') ? dialled : `sip:${dialled}@${sipDomain(this.requireUa().configuration.uri.toString())}`);
  }

  private constraints(): MediaStreamConstraints {
    const inputId = this.options.devices().inputId;
    return { audio: { ...this.options.audioProcessing(), ...(inputId ? { deviceId: { exact: inputId } } : {}) }, video: false };
  }

  private requireUa(): UserAgent {
    if (!this.ua || this.registration.status !== 'registered') throw new Error('the line is not registered');
    return this.ua;
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
