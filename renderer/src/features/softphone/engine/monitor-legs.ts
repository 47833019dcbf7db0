import { Inviter, SessionState, type Invitation, type Session, type UserAgent } from 'sip.js';
import type { IncomingResponse } from 'sip.js/lib/core';
import type { SessionDescriptionHandler } from 'sip.js/lib/platform/web';
import { MONITOR_HEADER, type MonitorAuthorization, type MonitorMode } from '../../../../../shared/monitoring';
import type { MonitorSnapshot } from '../../../../../shared/softphone';
import { MediaGraph } from './media-graph';

/** What the legs need from the engine: the line, the customer call in hand, where to play, how to publish. */
export interface MonitorHost {
  ua(): UserAgent;
  uriOf(target: string): ReturnType<typeof UserAgent.makeURI>;
  /** The agent's live customer call (connected, not a consult leg), if any. */
  customerSession(): Session | undefined;
  constraints(): MediaStreamConstraints;
  sinkId(): string;
  /** The outgoing stream a session's media factory hands sip.js instead of the microphone. */
  readonly outgoing: WeakMap<Session, MediaStream>;
  changed(): void;
  now(): number;
  log(message: string): void;
}

interface Leg {
  readonly session: Session;
  snapshot: MonitorSnapshot;
  audio?: HTMLAudioElement;
}

const sdhOf = (session: Session) => session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
const CUSTOMER = { leg: 'customer' } as const;

/**
 * Monitoring legs, both ends (issue 17). Lead side: an INVITE to the agent carrying the signed
 * request (X-Zuoxi-Monitor); it plays what comes back, and in listen mode sends nothing. Agent side:
 * the request is judged on the main side first (`authorize`), then the leg is answered without
 * ringing and sent a mix of the agent's microphone and the customer's audio from the media graph;
 * the customer's leg is untouched (no re-INVITE). A refused request gets 403 and no media.
 */
export class MonitorLegs {
  private readonly legs = new Map<string, Leg>();
  private readonly graph = new MediaGraph();
  private next = 1;

  constructor(
    private readonly host: MonitorHost,
    private readonly authorize: (from: string, token: string) => Promise<MonitorAuthorization>,
  ) {}

  snapshot(): MonitorSnapshot[] {
    return [...this.legs.values()].map((l) => l.snapshot);
  }

  /** Agent side: a monitoring INVITE arrived. */
  async incoming(invitation: Invitation, token: string): Promise<void> {
    const from = invitation.remoteIdentity.uri.user ?? '';
    const verdict = await this.authorize(from, token).catch((e: unknown): MonitorAuthorization => ({ ok: false, reason: String(e) }));
    if (!verdict.ok) {
      this.host.log(`refused monitoring from ${from}: ${verdict.reason}`);
      return void invitation.reject({ statusCode: 403 }).catch(() => {});
    }
    const customer = this.host.customerSession();
    const sdh = customer && sdhOf(customer);
    if (!sdh) return void invitation.reject({ statusCode: 480, reasonPhrase: 'No call to monitor' }).catch(() => {});
    const leg = this.track(invitation, { side: 'agent', peer: from, peerName: verdict.lead.name, mode: verdict.mode, disclosed: verdict.disclosed });
    this.customerChanged();
    this.host.outgoing.set(invitation, this.graph.mix(leg.snapshot.id, ['mic', CUSTOMER]));
    await invitation.accept({ sessionDescriptionHandlerOptions: { constraints: this.host.constraints() } }).catch((e: unknown) => this.host.log(`monitoring answer failed: ${String(e)}`));
  }

  /** Lead side: monitors `agent` with a token from the main side; returns the leg's id. */
  async start(agent: string, token: string, mode: MonitorMode): Promise<string> {
    const uri = this.host.uriOf(agent);
    if (!uri) throw new Error(`cannot monitor ${agent}`);
    const inviter = new Inviter(this.host.ua(), uri, { extraHeaders: [`${MONITOR_HEADER}: ${token}`], sessionDescriptionHandlerOptions: { constraints: this.host.constraints() } });
    const leg = this.track(inviter, { side: 'lead', peer: uri.user ?? agent, mode, disclosed: true });
    await inviter.invite({ requestDelegate: { onReject: (r: IncomingResponse) => this.host.log(`monitoring ${agent} refused: ${r.message.statusCode ?? '?'}`) } });
    return leg.snapshot.id;
  }

  async stop(id: string): Promise<void> {
    const leg = this.legs.get(id);
    if (!leg) return;
    if (leg.session.state === SessionState.Established) await leg.session.bye().catch(() => {});
    else if (leg.session instanceof Inviter) await leg.session.cancel().catch(() => {});
  }

  /** The customer's leg or the microphone changed (answered, new headset): the mixes follow. */
  customerChanged(): void {
    const sdh = this.host.customerSession() && sdhOf(this.host.customerSession()!);
    if (!sdh) return;
    this.graph.setMicrophone(new MediaStream(sdh.localMediaStream.getAudioTracks()));
    this.graph.setLeg('customer', new MediaStream(sdh.remoteMediaStream.getAudioTracks()));
  }

  /** The agent's customer call is over: every leg monitoring it ends. */
  endAgentSide(): void {
    for (const leg of this.legs.values()) if (leg.snapshot.side === 'agent') void this.stop(leg.snapshot.id);
  }

  private track(session: Session, initial: Omit<MonitorSnapshot, 'id' | 'phase' | 'since'>): Leg {
    const id = `monitor-${this.next++}`;
    const leg: Leg = { session, snapshot: { id, ...initial, phase: 'dialing', since: this.host.now() } };
    this.legs.set(id, leg);
    session.delegate = { onBye: (bye) => void bye.accept() };
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        leg.snapshot = { ...leg.snapshot, phase: 'connected', since: this.host.now() };
        this.play(leg);
        this.applyMode(leg);
        this.host.changed();
      } else if (state === SessionState.Terminated) {
        leg.audio?.remove();
        this.graph.remove(id);
        this.graph.idle();
        this.legs.delete(id);
        this.host.changed();
      }
    });
    this.host.changed();
    return leg;
  }

  /** Plays the far end of the leg (Chromium delivers remote audio only to a playing element). */
  private play(leg: Leg): void {
    const sdh = sdhOf(leg.session);
    if (!sdh) return;
    const audio = document.createElement('audio');
    audio.autoplay = true;
    audio.dataset['zuoxiMonitor'] = leg.snapshot.id;
    audio.dataset['zuoxiRemoteUser'] = leg.snapshot.peer;
    audio.srcObject = sdh.remoteMediaStream;
    document.body.append(audio);
    leg.audio = audio;
    void audio.setSinkId(this.host.sinkId()).catch(() => {});
    void audio.play().catch((e: unknown) => this.host.log(`monitoring audio did not start: ${String(e)}`));
  }

  /**
   * Listen: the lead sends nothing and the agent plays nothing of the lead. (Whisper and barge
   * route the lead's voice through the graph: next.)
   */
  private applyMode(leg: Leg): void {
    const sdh = sdhOf(leg.session);
    if (!sdh) return;
    if (leg.snapshot.side === 'lead') sdh.enableSenderTracks(leg.snapshot.mode !== 'listen');
    else if (leg.audio) leg.audio.muted = leg.snapshot.mode === 'listen';
  }
}
