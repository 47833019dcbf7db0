/**
 * The desk's calls: sessions whose role is 'customer' or 'consult' (monitoring legs are
 * monitor-legs.ts). Several may be live (call waiting, consult calls): answering, resuming or
 * dialling puts the other live call on hold first, so the agent only ever talks to one party.
 *
 * - Transfers: blind (REFER to a number) and attended (REFER with Replaces to a consult call).
 *   A REFER received on an established call is followed only when `allowRefer` says so (the call
 *   policy: refuse, internal only, or ask the agent), else answered 403; an INVITE that Replaces
 *   one of our calls is taken at once.
 * - Media follows the network: ICE restart when the OS reports the network back or ICE fails.
 *   Audio is the desk's (desk-audio.ts): each call sends its own mix and plays its far end there.
 */
import { Invitation, Inviter, SessionState, type Referral, type Session, type UserAgent } from 'sip.js';
import type { SessionDescriptionHandler, SessionDescriptionHandlerOptions } from 'sip.js/lib/platform/web';
import type { CallEndReason, CallSnapshot } from '../../../../../shared/softphone';
import { SESSION_MEDIA, type DeskAudio } from './desk-audio';
import { dtmfSignal, invite, refer, referReplacing, reinvite, sendDtmf, type DtmfMode } from './signalling';

type Uri = NonNullable<ReturnType<typeof UserAgent.makeURI>>;

export interface CallHost {
  ua(): UserAgent;
  uriOf(target: string): Uri | undefined;
  /** A user on our own domain by name, anything else as the whole URI. */
  userOf(uri: Uri): string;
  readonly audio: DeskAudio;
  /** Answer for a new inbound call, given how many calls are live: a SIP refusal code, or null to ring. */
  incomingPolicy(liveCalls: number): 480 | 486 | null;
  dtmfMode(): DtmfMode;
  allowRefer(request: { readonly callId: string; readonly target: string; readonly from: string }): Promise<boolean>;
  /** The call in hand changed (answered, held, resumed, ended): monitoring follows it. */
  callInHandChanged(): void;
  dtmfReceived(callId: string, digit: string | undefined): void;
  changed(): void;
  now(): number;
  log(message: string): void;
}

interface LiveCall {
  readonly session: Session;
  snapshot: CallSnapshot;
  endReason?: CallEndReason;
  endCode?: number;
  iceTimer?: ReturnType<typeof setTimeout>;
}

/** ICE "disconnected" this long (not recovering by itself) → restart ICE. */
const ICE_DISCONNECTED_GRACE_MS = 2_000;
/** A REFER left unanswered this long is refused (the transferor's transaction times out at 32 s). */
export const REFER_DECISION_MS = 20_000;

const sdhOf = (session: Session) => session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
const OPTIONS = { sessionDescriptionHandlerOptions: { constraints: SESSION_MEDIA } };

export class CallSessions {
  private readonly calls = new Map<string, LiveCall>();
  private last: CallSnapshot | null = null;
  private next = 1;

  constructor(private readonly host: CallHost) {}

  snapshot(): CallSnapshot[] {
    return [...this.calls.values()].map((c) => c.snapshot);
  }

  /** The most recent call that ended (for wrap-up and the one-click callback). */
  get lastEnded(): CallSnapshot | null {
    return this.last;
  }

  get size(): number {
    return this.calls.size;
  }

  /** The customer's call in hand: connected, not a consult leg, unheld first (the one a lead may monitor). */
  inHand(): { readonly id: string; readonly session: Session } | undefined {
    const customer = [...this.calls.values()].filter((c) => c.snapshot.phase === 'connected' && c.snapshot.role === 'customer');
    const call = customer.find((c) => !c.snapshot.held) ?? customer[0];
    return call && { id: call.snapshot.id, session: call.session };
  }

  /** An inbound INVITE that is not a monitoring request: refused by policy, ringing, or replacing one of ours. */
  incoming(invitation: Invitation): void {
    const replaced = [...this.calls.values()].find((c) => c.session === invitation.replacee);
    if (!replaced) {
      const refusal = this.host.incomingPolicy(this.calls.size);
      if (refusal !== null) {
        this.host.log(`refused inbound call from ${invitation.remoteIdentity.uri.user ?? '?'} with ${refusal}`);
        void invitation.reject({ statusCode: refusal }).catch(() => {});
        return;
      }
      // the microphone opens while the call rings; before the call is tracked, as publishing it may answer at once
      this.host.audio.warm();
    }
    const call = this.track(invitation, {
      direction: 'inbound',
      remoteUser: invitation.remoteIdentity.uri.user ?? invitation.remoteIdentity.uri.toString(),
      remoteName: invitation.remoteIdentity.displayName || undefined,
      phase: 'ringing',
      role: 'customer',
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
      void invitation.accept(OPTIONS).catch((e: unknown) => this.host.log(`replacing call failed: ${String(e)}`));
    }
  }

  /** Places a call (holding the live call first: then it is a consult leg); returns its id. */
  async dial(target: string): Promise<string> {
    const uri = this.host.uriOf(target);
    if (!uri) throw new Error(`cannot call ${target}`);
    const consult = [...this.calls.values()].some((c) => c.snapshot.phase === 'connected');
    await this.holdOthers();
    const inviter = new Inviter(this.host.ua(), uri, OPTIONS);
    const call = this.track(inviter, { direction: 'outbound', remoteUser: uri.user ?? target, phase: 'dialing', role: consult ? 'consult' : 'customer' });
    await this.invite(inviter, call);
    return call.snapshot.id;
  }

  /** Answers a ringing call; a live call is put on hold first (call waiting: hold-and-answer). */
  async answer(id: string): Promise<void> {
    const call = this.require(id);
    if (!(call.session instanceof Invitation)) throw new Error('only an inbound call can be answered');
    const holding = this.holdOthers(id);
    if (holding) await holding;
    await call.session.accept(OPTIONS);
  }

  /** Refuses a ringing inbound call (486 Busy Here by default, 603 Decline on request). */
  async reject(id: string, statusCode: 486 | 603 = 486): Promise<void> {
    const call = this.require(id);
    if (!(call.session instanceof Invitation)) throw new Error('only an inbound call can be rejected');
    call.endReason = 'rejected';
    call.endCode = statusCode;
    await call.session.reject({ statusCode });
  }

  async hangup(id: string): Promise<void> {
    const call = this.require(id);
    call.endReason ??= 'local-hangup';
    const session = call.session;
    if (session.state === SessionState.Established) await session.bye();
    else if (session.state === SessionState.Initial || session.state === SessionState.Establishing) {
      if (session instanceof Inviter) await session.cancel();
      else if (session instanceof Invitation) await session.reject();
    }
  }

  /** Hangs up every call without waiting for answers (the page is going away). */
  hangupAll(): void {
    for (const call of this.calls.values()) {
      call.endReason ??= 'local-hangup';
      void this.hangup(call.snapshot.id).catch(() => {});
    }
  }

  /**
   * Hold (re-INVITE with sendonly) or resume. The held state changes only when the far end accepts,
   * so a failed re-INVITE leaves the call as it was. While held the microphone is not sent and the
   * far end is not played. Resuming puts the other live call on hold first.
   */
  async setHold(id: string, held: boolean): Promise<boolean> {
    const call = this.require(id);
    if (call.snapshot.phase !== 'connected' || call.snapshot.held === held) return call.snapshot.held;
    if (!held) await this.holdOthers(id);
    const accepted = await reinvite(call.session, { ...OPTIONS.sessionDescriptionHandlerOptions, hold: held } as SessionDescriptionHandlerOptions, held ? 'hold' : 'resume', this.host.log);
    if (accepted) {
      this.update(call, { held, heldAt: held ? this.host.now() : undefined });
      this.applyMedia(call);
      this.host.callInHandChanged();
    }
    return accepted;
  }

  setMute(id: string, muted: boolean): void {
    const call = this.require(id);
    this.update(call, { muted });
    this.applyMedia(call);
  }

  sendDtmf(id: string, tones: string): Promise<void> {
    return sendDtmf(this.require(id).session, tones, this.host.dtmfMode());
  }

  /**
   * Blind transfer: REFER the far end of call `id` to `target`; our leg ends once the far end has
   * accepted the REFER. A refused REFER leaves the call as it was.
   */
  async blindTransfer(id: string, target: string): Promise<void> {
    const call = this.requireConnected(id);
    const uri = this.host.uriOf(target);
    if (!uri) throw new Error(`cannot transfer to ${target}`);
    this.update(call, { transfer: { kind: 'blind', target: uri.user ?? target } });
    if (!(await refer(call.session, uri))) {
      this.update(call, { transfer: undefined });
      throw new Error(`transfer to ${target} was refused`);
    }
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
    const outcome = await referReplacing(call.session, consult.session);
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
    const options = { ...OPTIONS.sessionDescriptionHandlerOptions, hold: call.snapshot.held, offerOptions: { iceRestart: true } } as SessionDescriptionHandlerOptions;
    const ok = await reinvite(call.session, options, 'ICE restart', this.host.log);
    if (ok) this.update(call, { iceRestarts: call.snapshot.iceRestarts + 1 });
    return ok;
  }

  /** The network is back: ICE restart on every connected call. */
  networkChanged(): void {
    for (const call of this.calls.values()) if (call.snapshot.phase === 'connected') void this.restartIce(call.snapshot.id);
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
    const target = this.host.userOf(referral.referTo.uri);
    const request = { callId: call.snapshot.id, target, from: call.snapshot.remoteUser };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const undecided = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), REFER_DECISION_MS)));
    void Promise.race([this.host.allowRefer(request).catch(() => false), undecided]).then((allowed) => {
      clearTimeout(timer);
      if (!allowed || call.snapshot.phase !== 'connected') {
        this.host.log(`refused REFER from ${request.from} to ${target} (403)`);
        return referral.reject({ statusCode: 403 }).catch(() => {});
      }
      return referral.accept().then(() => {
        const inviter = referral.makeInviter(OPTIONS);
        const next = this.track(inviter, { direction: 'outbound', remoteUser: target, phase: 'dialing', role: 'consult' });
        call.endReason = 'transferred';
        return this.invite(inviter, next);
      });
    });
  }

  private invite(inviter: Inviter, call: LiveCall): Promise<void> {
    return invite(inviter, (code) => {
      call.endCode = code;
      call.endReason = code === 486 || code === 600 ? 'busy' : code === 480 || code === 408 ? 'unanswered' : 'rejected';
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

  private track(session: Session, initial: Pick<CallSnapshot, 'direction' | 'remoteUser' | 'remoteName' | 'phase' | 'role'>): LiveCall {
    const id = `call-${this.next++}`;
    const call: LiveCall = { session, snapshot: { id, ...initial, held: false, muted: false, startedAt: this.host.now(), iceRestarts: 0 } };
    this.calls.set(id, call);
    this.host.audio.send(session, id, ['mic']);
    session.delegate = {
      onBye: (bye) => {
        call.endReason ??= 'remote-hangup';
        void bye.accept();
      },
      onInfo: (info) => {
        void info.accept();
        this.host.dtmfReceived(id, dtmfSignal(info.request.body));
      },
      onRefer: (referral) => this.onRefer(call, referral),
    };
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        this.update(call, { phase: 'connected', answeredAt: this.host.now() });
        const sdh = sdhOf(session);
        if (sdh) this.host.audio.receive(id, sdh.remoteMediaStream, { zuoxiRemoteAudio: id, zuoxiRemoteUser: call.snapshot.remoteUser });
        this.applyMedia(call);
        this.watchIce(call);
        this.host.callInHandChanged();
      } else if (state === SessionState.Terminated) {
        // sip.js terminates the session before it calls the invite's onReject with the response:
        // finish one microtask later so the end reason and code are known.
        queueMicrotask(() => this.finish(call));
      }
    });
    this.host.changed();
    return call;
  }

  private finish(call: LiveCall): void {
    clearTimeout(call.iceTimer);
    this.host.audio.end(call.snapshot.id);
    const answered = call.snapshot.answeredAt !== undefined;
    const endReason: CallEndReason = call.endReason ?? (answered ? 'dropped' : call.snapshot.direction === 'inbound' ? 'cancelled' : 'failed');
    this.calls.delete(call.snapshot.id);
    if (![...this.calls.values()].some((c) => c.snapshot.phase === 'ringing')) this.host.audio.releaseWarm();
    this.last = { ...call.snapshot, phase: 'ended', endedAt: this.host.now(), endReason, transfer: undefined, ...(call.endCode ? { endCode: call.endCode } : {}) };
    this.host.callInHandChanged();
    this.host.changed();
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

  /** Held: nothing sent, nothing played; muted: nothing sent. */
  private applyMedia(call: LiveCall): void {
    const sdh = sdhOf(call.session);
    if (!sdh) return;
    sdh.enableSenderTracks(!call.snapshot.held && !call.snapshot.muted);
    sdh.enableReceiverTracks(!call.snapshot.held);
  }

  private require(id: string): LiveCall {
    const call = this.calls.get(id);
    if (!call) throw new Error(`no call ${id}`);
    return call;
  }

  private requireConnected(id: string): LiveCall {
    const call = this.require(id);
    if (call.snapshot.phase !== 'connected') throw new Error(`call ${id} is not connected`);
    return call;
  }

  private update(call: LiveCall, patch: Partial<CallSnapshot>): void {
    call.snapshot = { ...call.snapshot, ...patch };
    this.host.changed();
  }
}
