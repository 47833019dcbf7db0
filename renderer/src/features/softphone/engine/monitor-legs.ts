import { Inviter, SessionState, type Info, type Invitation, type Session, type UserAgent } from 'sip.js';
import type { IncomingResponse } from 'sip.js/lib/core';
import type { SessionDescriptionHandler } from 'sip.js/lib/platform/web';
import { MONITOR_HEADER, MONITOR_MODE_TYPE, type MonitorAuthorization, type MonitorMode, type MonitorRequest } from '../../../../../shared/monitoring';
import type { MonitorSnapshot } from '../../../../../shared/softphone';
import { MediaGraph } from './media-graph';
import { playRemote } from './remote-audio';

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
/** The mix the customer hears while a lead barges in: the agent and the lead. */
const BARGE_MIX = 'customer-out';
const audioSender = (sdh: SessionDescriptionHandler | undefined) => sdh?.peerConnection?.getSenders().find((x) => x.track?.kind === 'audio' || x.track === null);

/**
 * Monitoring legs, both ends (issue 17). Lead side: an INVITE to the agent carrying the signed
 * request (X-Zuoxi-Monitor); it plays what comes back, and in listen mode sends nothing. Agent side:
 * the request is judged on the main side first (`authorize`), then the leg is answered without
 * ringing and sent a mix of the agent's microphone and the customer's audio from the media graph;
 * the customer's leg is untouched (no re-INVITE). A refused request gets 403 and no media.
 *
 * Modes switch in place by an INFO carrying a new signed request, judged like the INVITE:
 * listen — the lead sends nothing, the agent plays nothing of it; whisper — the agent plays the
 * lead; barge — the customer's outgoing track is swapped (replaceTrack, no re-INVITE) for a mix of
 * the agent's microphone and the lead, and back when the mode or the leg ends.
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
    const leg = this.track(invitation, { side: 'agent', peer: from, peerName: verdict.lead.name, mode: verdict.mode, disclosed: verdict.disclosed, call: verdict.call });
    this.customerChanged();
    this.host.outgoing.set(invitation, this.graph.mix(leg.snapshot.id, ['mic', CUSTOMER]));
    await invitation.accept({ sessionDescriptionHandlerOptions: { constraints: this.host.constraints() } }).catch((e: unknown) => this.host.log(`monitoring answer failed: ${String(e)}`));
  }

  /** Lead side: monitors `agent` with a token from the main side; returns the leg's id. */
  async start(agent: string, token: string, mode: MonitorMode, call: MonitorRequest['call']): Promise<string> {
    const uri = this.host.uriOf(agent);
    if (!uri) throw new Error(`cannot monitor ${agent}`);
    const inviter = new Inviter(this.host.ua(), uri, { extraHeaders: [`${MONITOR_HEADER}: ${token}`], sessionDescriptionHandlerOptions: { constraints: this.host.constraints() } });
    const leg = this.track(inviter, { side: 'lead', peer: uri.user ?? agent, mode, disclosed: true, call });
    await inviter.invite({ requestDelegate: { onReject: (r: IncomingResponse) => this.host.log(`monitoring ${agent} refused: ${r.message.statusCode ?? '?'}`) } });
    return leg.snapshot.id;
  }

  /** Lead side: switches the leg's mode in place with a new signed request (the agent's desk judges it again). */
  async setMode(id: string, token: string, mode: MonitorMode): Promise<void> {
    const leg = this.legs.get(id);
    if (!leg || leg.snapshot.side !== 'lead' || leg.session.state !== SessionState.Established) throw new Error(`no monitoring ${id}`);
    const code = await new Promise<number>((resolve) => {
      leg.session
        .info({
          requestOptions: { body: { contentDisposition: 'render', contentType: MONITOR_MODE_TYPE, content: token } },
          requestDelegate: { onAccept: () => resolve(200), onReject: (r: IncomingResponse) => resolve(r.message.statusCode ?? 500) },
        })
        .catch(() => resolve(500));
    });
    if (code !== 200) throw new Error(`the agent's desk refused ${mode} (${code})`);
    this.setLegMode(leg, mode);
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
    for (const leg of this.legs.values()) if (leg.snapshot.side === 'agent' && leg.snapshot.phase === 'connected') this.applyMode(leg);
  }

  /** The agent's customer call is over: every leg monitoring it ends. */
  endAgentSide(): void {
    for (const leg of this.legs.values()) if (leg.snapshot.side === 'agent') void this.stop(leg.snapshot.id);
  }

  private track(session: Session, initial: Omit<MonitorSnapshot, 'id' | 'phase' | 'since'>): Leg {
    const id = `monitor-${this.next++}`;
    const leg: Leg = { session, snapshot: { id, ...initial, phase: 'dialing', since: this.host.now() } };
    this.legs.set(id, leg);
    session.delegate = {
      onBye: (bye) => void bye.accept(),
      onInfo: (info) => void this.onModeInfo(leg, info),
    };
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        leg.snapshot = { ...leg.snapshot, phase: 'connected', since: this.host.now() };
        this.play(leg);
        this.applyMode(leg);
        this.host.changed();
      } else if (state === SessionState.Terminated) {
        if (leg.snapshot.side === 'agent' && leg.snapshot.mode === 'barge') this.restoreCustomerTrack();
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

  /** Plays the far end of the leg (the lead: the mix; the agent: the lead, muted while listening). */
  private play(leg: Leg): void {
    const sdh = sdhOf(leg.session);
    if (!sdh) return;
    leg.audio = playRemote(sdh.remoteMediaStream, { zuoxiMonitor: leg.snapshot.id, zuoxiRemoteUser: leg.snapshot.peer }, this.host.log);
    void leg.audio.setSinkId(this.host.sinkId()).catch(() => {});
  }

  /** Agent side: a mode switch from the lead, judged on the main side like the INVITE (same call). */
  private async onModeInfo(leg: Leg, info: Info): Promise<void> {
    if (leg.snapshot.side !== 'agent' || (info.request.getHeader('Content-Type') ?? '').split(';')[0]!.trim() !== MONITOR_MODE_TYPE) return void info.reject({ statusCode: 415 }).catch(() => {});
    const verdict = await this.authorize(leg.snapshot.peer, info.request.body.trim()).catch((e: unknown): MonitorAuthorization => ({ ok: false, reason: String(e) }));
    if (!verdict.ok || verdict.lead.user !== leg.snapshot.peer || verdict.call.since !== leg.snapshot.call.since) {
      this.host.log(`refused a monitoring mode switch from ${leg.snapshot.peer}: ${verdict.ok ? 'another call' : verdict.reason}`);
      return void info.reject({ statusCode: 403 }).catch(() => {});
    }
    await info.accept().catch(() => {});
    leg.snapshot = { ...leg.snapshot, disclosed: verdict.disclosed };
    this.setLegMode(leg, verdict.mode);
  }

  private setLegMode(leg: Leg, mode: MonitorMode): void {
    const was = leg.snapshot.mode;
    leg.snapshot = { ...leg.snapshot, mode };
    if (leg.snapshot.side === 'agent' && was === 'barge' && mode !== 'barge') this.restoreCustomerTrack();
    this.applyMode(leg);
    this.host.changed();
  }

  /**
   * Lead side: the microphone is sent only to whisper or barge. Agent side: the lead is played in
   * whisper and barge; in barge the customer's outgoing track becomes the agent-and-lead mix.
   */
  private applyMode(leg: Leg): void {
    const sdh = sdhOf(leg.session);
    if (!sdh) return;
    const { mode, side, id } = leg.snapshot;
    if (side === 'lead') return sdh.enableSenderTracks(mode !== 'listen');
    if (leg.audio) leg.audio.muted = mode === 'listen';
    if (mode !== 'barge') return;
    this.graph.setLeg(id, new MediaStream(sdh.remoteMediaStream.getAudioTracks()));
    const mix = this.graph.mix(BARGE_MIX, ['mic', { leg: id }]).getAudioTracks()[0];
    const customer = this.host.customerSession();
    const sender = audioSender(customer && sdhOf(customer));
    if (mix && sender && sender.track !== mix) void sender.replaceTrack(mix).catch((e: unknown) => this.host.log(`barge mix not sent: ${String(e)}`));
  }

  /** The customer hears the agent's own microphone again. */
  private restoreCustomerTrack(): void {
    const customer = this.host.customerSession();
    const sdh = customer && sdhOf(customer);
    const mic = sdh?.localMediaStream.getAudioTracks()[0];
    const sender = audioSender(sdh);
    if (mic && sender && sender.track !== mic) void sender.replaceTrack(mic).catch(() => {});
    this.graph.remove(BARGE_MIX);
  }
}
