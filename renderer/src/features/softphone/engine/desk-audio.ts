import type { Session } from 'sip.js';
import { MicrophoneWarmer } from './media-factory';
import { MediaGraph, type MixInput } from './media-graph';
import { playRemote } from './remote-audio';

export interface DeskAudioHost {
  /** The microphone as the agent chose it (device, echo cancellation…). */
  constraints(): MediaStreamConstraints;
  /** The chosen earpiece (deviceId, '' for the system default). */
  sinkId(): string;
  log(message: string): void;
}

/**
 * What sip.js is told about local media: always the same, so it never asks for a new stream on a
 * re-INVITE (hold, ICE restart). The microphone itself is owned here, not by any session.
 */
export const SESSION_MEDIA: MediaStreamConstraints = { audio: true, video: false };

const stopAll = (s: MediaStream) => {
  for (const t of s.getTracks()) t.stop();
};

interface Leg {
  inputs: readonly MixInput[];
  audio?: HTMLAudioElement;
}

/**
 * All of the desk's audio (issue 17): one microphone, opened once for however many sessions are
 * live, and one graph (media-graph.ts). Every session, a customer call or a monitoring leg, sends a
 * mix of its own (`send`: usually just the microphone; the agent's monitored leg, microphone and
 * customer; a barged call, microphone and lead) and plays its far end through one element on the
 * chosen earpiece (`receive`), which is also the far end's source in the graph.
 *
 * Because a mix names its inputs, a new headset is one new microphone source (`applyDevices`):
 * every mix and every sender track stays as it is, with no renegotiation, and a lead's mix keeps
 * the agent's voice. Hold and mute disable a session's own sender and receiver tracks, so what a
 * lead hears follows what the agent hears.
 */
export class DeskAudio {
  private readonly graph = new MediaGraph();
  private readonly warmer = new MicrophoneWarmer();
  private mic: { key: string; stream: Promise<MediaStream> } | undefined;
  private readonly sends = new WeakMap<Session, string>();
  private readonly legs = new Map<string, Leg>();

  constructor(private readonly host: DeskAudioHost) {}

  /** A call rings: opens the microphone ahead of the answer, unless it is open already. */
  warm(): void {
    if (!this.mic) this.warmer.warm(this.host.constraints());
  }

  /** Session `session` (leg `id`) will send the mix of `inputs`, made when sip.js asks for media. */
  send(session: Session, id: string, inputs: readonly MixInput[]): void {
    this.sends.set(session, id);
    this.legs.set(id, { ...this.legs.get(id), inputs });
  }

  /** The media factory's hook: the stream session `session` sends. */
  async outgoing(session: Session): Promise<MediaStream> {
    const id = this.sends.get(session);
    const leg = id === undefined ? undefined : this.legs.get(id);
    if (id === undefined || !leg) throw new Error('a session without a place in the desk audio');
    if (leg.inputs.includes('mic')) await this.microphone();
    return this.graph.mix(id, leg.inputs);
  }

  /** Changes what leg `id` sends (barge: the lead joins the customer's mix; a monitored leg follows the call in hand). */
  remix(id: string, inputs: readonly MixInput[]): void {
    const leg = this.legs.get(id);
    if (!leg) return;
    leg.inputs = inputs;
    this.graph.mix(id, inputs);
  }

  /** Plays leg `id`'s far end on the earpiece, and makes it the leg's source in the graph. */
  receive(id: string, remote: MediaStream, data: Readonly<Record<string, string>>): void {
    const leg = this.legs.get(id);
    if (!leg) return;
    leg.audio?.remove();
    leg.audio = playRemote(remote, data, this.host.log);
    void this.sink(leg.audio);
    const feed = () => this.graph.setLeg(id, new MediaStream(remote.getAudioTracks()));
    remote.addEventListener('addtrack', feed); // a renegotiation may bring a new track
    feed();
  }

  /** Whether leg `id`'s far end is heard on this desk (a lead who only listens is not). */
  setAudible(id: string, audible: boolean): void {
    const audio = this.legs.get(id)?.audio;
    if (audio) audio.muted = !audible;
  }

  /**
   * Both sides of call `id` for a recorder (issue 17, item 6): its far end and what it sends, so a
   * muted or held stretch is recorded as silence, as the customer had it. Ends with the leg.
   */
  record(id: string): MediaStream | undefined {
    const sent = this.graph.output(id);
    if (!sent || !this.legs.has(id)) return undefined;
    this.graph.setLeg(`${id}:sent`, sent);
    return this.graph.mix(`${id}:recorded`, [{ leg: id }, { leg: `${id}:sent` }]);
  }

  /** Leg `id` is over; the last one closes the microphone and the graph. */
  end(id: string): void {
    this.legs.get(id)?.audio?.remove();
    this.legs.delete(id);
    for (const part of [`${id}:recorded`, `${id}:sent`, id]) this.graph.remove(part);
    if (this.legs.size > 0) return;
    const mic = this.mic;
    this.mic = undefined;
    if (mic) void mic.stream.then(stopAll, () => {});
    this.warmer.release();
    this.graph.idle();
  }

  /** Nothing rings any more: a microphone warmed for it and never taken is closed. */
  releaseWarm(): void {
    this.warmer.release();
  }

  /** The agent chose other devices: a new microphone source under the same mixes, and the new earpiece. */
  async applyDevices(): Promise<void> {
    if (this.mic) await this.microphone();
    await Promise.all([...this.legs.values()].map((l) => (l.audio ? this.sink(l.audio) : undefined)));
  }

  /** Opens the microphone for the current constraints, or keeps the open one if they match and it is live. */
  private async microphone(): Promise<void> {
    const constraints = this.host.constraints();
    const key = JSON.stringify(constraints);
    const open = this.mic;
    if (open?.key === key) {
      const stream = await open.stream;
      if (stream.getAudioTracks().every((t) => t.readyState === 'live')) return;
    }
    const next = { key, stream: this.warmer.take(constraints) };
    this.mic = next;
    try {
      this.graph.setMicrophone(await next.stream);
    } catch (e) {
      if (this.mic === next) this.mic = open;
      throw e;
    }
    if (open) void open.stream.then(stopAll, () => {});
  }

  private async sink(audio: HTMLAudioElement): Promise<void> {
    const sinkId = this.host.sinkId();
    if (audio.sinkId === sinkId) return;
    await audio.setSinkId(sinkId).catch((e: unknown) => this.host.log(`speaker could not be selected: ${String(e)}`));
  }
}
