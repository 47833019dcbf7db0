import { Inviter, SessionState, type Info, type Invitation, type Session, type UserAgent } from 'sip.js';
import type { IncomingResponse } from 'sip.js/lib/core';
import type { SessionDescriptionHandler } from 'sip.js/lib/platform/web';
import { MONITOR_HEADER, MONITOR_MODE_TYPE, type MonitorAuthorization, type MonitorMode, type MonitorRequest, type PbxMonitoring } from '../../../../../shared/monitoring';
import { mediaType, type MonitorSnapshot } from '../../../../../shared/softphone';
import { SESSION_MEDIA, type DeskAudio } from './desk-audio';
import { sendDtmf, type DtmfMode } from './signalling';

/** What the legs need from the engine: the line, the customer call in hand, the desk's audio, how to publish. */
export interface MonitorHost {
  ua(): UserAgent;
  uriOf(target: string): ReturnType<typeof UserAgent.makeURI>;
  /** The agent's customer call in hand (connected, unheld first), if any. */
  callInHand(): { readonly id: string } | undefined;
  readonly audio: DeskAudio;
  dtmfMode(): DtmfMode;
  changed(): void;
  now(): number;
  log(message: string): void;
}

interface Leg {
  readonly session: Session;
  snapshot: MonitorSnapshot;
}

const sdhOf = (session: Session) => session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;

/**
 * Monitoring legs, both ends (issue 17). Lead side: an INVITE to the agent carrying the signed
 * request (X-Zuoxi-Monitor); it plays what comes back, and in listen mode sends nothing. Agent side:
 * the request is judged on the main side first (`authorize`), then the leg is answered without
 * ringing and sent a mix of the agent's microphone and the customer's audio from the desk's graph;
 * the customer's leg is untouched (no re-INVITE). A refused request gets 403 and no media. The mix
 * follows the call in hand: held (the lead hears what the agent hears), another call answered, a
 * new headset; the leg ends when the agent has no customer call left (hung up, transferred).
 *
 * Modes switch in place by an INFO carrying a new signed request, judged like the INVITE:
 * listen — the lead sends nothing, the agent plays nothing of it; whisper — the agent plays the
 * lead; barge — the lead also joins the customer call's own mix (no re-INVITE, no track swap), and
 * leaves it when the mode or the leg ends.
 */
export class MonitorLegs {
  private readonly legs = new Map<string, Leg>();
  /** The customer call a lead barges into, and by which leg. */
  private barged: { call: string; leg: string } | undefined;
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
    const call = this.host.callInHand();
    if (!call) return void invitation.reject({ statusCode: 480, reasonPhrase: 'No call to monitor' }).catch(() => {});
    const leg = this.track(invitation, { side: 'agent', peer: from, peerName: verdict.lead.name, mode: verdict.mode, disclosed: verdict.disclosed, call: verdict.call });
    this.host.audio.send(invitation, leg.snapshot.id, ['mic', { leg: call.id }]);
    await invitation.accept({ sessionDescriptionHandlerOptions: { constraints: SESSION_MEDIA } }).catch((e: unknown) => this.host.log(`monitoring answer failed: ${String(e)}`));
  }

  /** Lead side: monitors `agent` with a token from the main side; returns the leg's id. */
  async start(agent: string, token: string, mode: MonitorMode, call: MonitorRequest['call']): Promise<string> {
    const uri = this.host.uriOf(agent);
    if (!uri) throw new Error(`cannot monitor ${agent}`);
    const inviter = new Inviter(this.host.ua(), uri, { extraHeaders: [`${MONITOR_HEADER}: ${token}`], sessionDescriptionHandlerOptions: { constraints: SESSION_MEDIA } });
    const leg = this.track(inviter, { side: 'lead', peer: uri.user ?? agent, mode, disclosed: true, call });
    this.host.audio.send(inviter, leg.snapshot.id, ['mic']);
    await inviter.invite({ requestDelegate: { onReject: (r: IncomingResponse) => this.host.log(`monitoring ${agent} refused: ${r.message.statusCode ?? '?'}`) } });
    return leg.snapshot.id;
  }

  /**
   * Lead side, PBX-side monitoring (item 5): dials the PBX's feature code for `agent`; once the PBX
   * answers, the digits of `mode` are sent (DTMF, as the line sends it), and again on every switch.
   * The PBX mixes; nothing is signed or judged by the agent's desk.
   */
  async startViaPbx(agent: string, pbx: PbxMonitoring, mode: MonitorMode, call: MonitorRequest['call']): Promise<string> {
    const target = `${pbx.prefix}${agent}`;
    const uri = this.host.uriOf(target);
    if (!uri) throw new Error(`cannot monitor ${agent} by ${target}`);
    const inviter = new Inviter(this.host.ua(), uri, { sessionDescriptionHandlerOptions: { constraints: SESSION_MEDIA } });
    const leg = this.track(inviter, { side: 'lead', peer: agent, mode, disclosed: true, call, pbx: { target, digits: pbx.digits } });
    this.host.audio.send(inviter, leg.snapshot.id, ['mic']);
    await inviter.invite({ requestDelegate: { onReject: (r: IncomingResponse) => this.host.log(`PBX monitoring of ${agent} refused: ${r.message.statusCode ?? '?'}`) } });
    return leg.snapshot.id;
  }

  /** Lead side: switches the leg's mode in place: a new signed request (the agent's desk judges it again), or the PBX's digits. */
  async setMode(id: string, token: string | null, mode: MonitorMode): Promise<void> {
    const leg = this.legs.get(id);
    if (!leg || leg.snapshot.side !== 'lead' || leg.session.state !== SessionState.Established) throw new Error(`no monitoring ${id}`);
    if (leg.snapshot.pbx) {
      await sendDtmf(leg.session, leg.snapshot.pbx.digits[mode], this.host.dtmfMode());
      return this.setLegMode(leg, mode);
    }
    if (token === null) throw new Error('a desk-side mode switch needs a signed request');
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

  /** The call in hand changed (answered, held, resumed, another one taken, ended): the agent's legs follow it. */
  callInHandChanged(): void {
    const call = this.host.callInHand();
    if (!call) return this.endAgentSide();
    for (const leg of this.legs.values()) if (leg.snapshot.side === 'agent') this.host.audio.remix(leg.snapshot.id, ['mic', { leg: call.id }]);
    if (this.barged && this.barged.call !== call.id) {
      const { leg } = this.barged;
      this.unbarge();
      this.barge(call.id, leg);
    }
  }

  /** The agent has no customer call any more: every leg monitoring it ends. */
  private endAgentSide(): void {
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
        const sdh = sdhOf(session);
        if (sdh) this.host.audio.receive(id, sdh.remoteMediaStream, { zuoxiMonitor: id, zuoxiRemoteUser: leg.snapshot.peer });
        this.applyMode(leg);
        const pbx = leg.snapshot.pbx;
        if (pbx) void sendDtmf(session, pbx.digits[leg.snapshot.mode], this.host.dtmfMode()).catch((e: unknown) => this.host.log(`PBX mode digits not sent: ${String(e)}`));
        this.host.changed();
      } else if (state === SessionState.Terminated) {
        if (this.barged?.leg === id) this.unbarge();
        this.host.audio.end(id);
        this.legs.delete(id);
        this.host.changed();
      }
    });
    this.host.changed();
    return leg;
  }

  /** Agent side: a mode switch from the lead, judged on the main side like the INVITE (same call). */
  private async onModeInfo(leg: Leg, info: Info): Promise<void> {
    if (leg.snapshot.side !== 'agent' || mediaType(info.request.getHeader('Content-Type')) !== MONITOR_MODE_TYPE) return void info.reject({ statusCode: 415 }).catch(() => {});
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
    leg.snapshot = { ...leg.snapshot, mode };
    this.applyMode(leg);
    this.host.changed();
  }

  /**
   * Lead side: the microphone is sent only to whisper or barge. Agent side: the lead is played in
   * whisper and barge; in barge the lead also joins the mix the customer's call sends.
   */
  private applyMode(leg: Leg): void {
    const { mode, side, id } = leg.snapshot;
    if (side === 'lead') return sdhOf(leg.session)?.enableSenderTracks(mode !== 'listen');
    this.host.audio.setAudible(id, mode !== 'listen');
    const call = this.host.callInHand();
    if (mode === 'barge' && call && this.barged?.leg !== id) this.barge(call.id, id);
    else if (mode !== 'barge' && this.barged?.leg === id) this.unbarge();
  }

  private barge(call: string, leg: string): void {
    if (this.barged) this.unbarge();
    this.barged = { call, leg };
    this.host.audio.remix(call, ['mic', { leg }]);
  }

  /** The customer hears the agent alone again. */
  private unbarge(): void {
    if (this.barged) this.host.audio.remix(this.barged.call, ['mic']);
    this.barged = undefined;
  }
}
