/**
 * The engine's audio graph (issue 17): one AudioContext for the desk, with a source for the
 * microphone and for each leg's remote audio, and a mix node per outgoing stream. A mix names its
 * inputs ("mic", or a leg), so it survives the microphone being replaced (a headset change) or a
 * leg's stream changing: the graph re-wires the sources, the mix's output track stays the same,
 * and no renegotiation is needed.
 */
export type MixInput = 'mic' | { readonly leg: string };

interface Mix {
  readonly node: MediaStreamAudioDestinationNode;
  inputs: readonly MixInput[];
}

const keyOf = (input: MixInput) => (input === 'mic' ? 'mic' : `leg:${input.leg}`);

export class MediaGraph {
  private ctx: AudioContext | undefined;
  /** Sources by key ("mic", "leg:<id>"), each from the stream it was made of. */
  private readonly sources = new Map<string, { stream: MediaStream; node: MediaStreamAudioSourceNode }>();
  private readonly streams = new Map<string, MediaStream>();
  private readonly mixes = new Map<string, Mix>();

  /** The microphone now feeding every mix that has "mic" (a new headset: same mixes, new source). */
  setMicrophone(stream: MediaStream): void {
    this.setStream('mic', stream);
  }

  /** A leg's remote audio, for mixes that include it. */
  setLeg(leg: string, stream: MediaStream): void {
    this.setStream(`leg:${leg}`, stream);
  }

  /** The outgoing stream of mix `id` over `inputs` (made on first use; later calls change its inputs). */
  mix(id: string, inputs: readonly MixInput[]): MediaStream {
    const existing = this.mixes.get(id);
    const mix = existing ?? { node: this.context().createMediaStreamDestination(), inputs: [] };
    if (!existing) this.mixes.set(id, mix);
    for (const input of mix.inputs) this.sources.get(keyOf(input))?.node.disconnect(mix.node);
    mix.inputs = inputs;
    for (const input of inputs) this.sources.get(keyOf(input))?.node.connect(mix.node);
    return mix.node.stream;
  }

  /** The output of mix `id`, if it has been made. */
  output(id: string): MediaStream | undefined {
    return this.mixes.get(id)?.node.stream;
  }

  /** Drops a mix, and a leg's source when the leg ends. */
  remove(id: string): void {
    const mix = this.mixes.get(id);
    if (mix) {
      for (const input of mix.inputs) this.sources.get(keyOf(input))?.node.disconnect(mix.node);
      for (const t of mix.node.stream.getTracks()) t.stop();
      this.mixes.delete(id);
    }
    this.dropSource(`leg:${id}`);
  }

  /** Closes the context once nothing is mixed any more. */
  idle(): void {
    if (this.mixes.size > 0 || !this.ctx) return;
    for (const key of [...this.sources.keys()]) this.dropSource(key);
    void this.ctx.close().catch(() => {});
    this.ctx = undefined;
  }

  private context(): AudioContext {
    if (!this.ctx) {
      this.ctx = new AudioContext();
      for (const [key, stream] of this.streams) this.connectSource(key, stream);
    }
    return this.ctx;
  }

  private setStream(key: string, stream: MediaStream): void {
    this.streams.set(key, stream);
    if (this.ctx) this.connectSource(key, stream);
  }

  private connectSource(key: string, stream: MediaStream): void {
    if (this.sources.get(key)?.stream === stream) return;
    this.dropSource(key, false);
    const node = this.context().createMediaStreamSource(stream);
    this.sources.set(key, { stream, node });
    for (const mix of this.mixes.values()) if (mix.inputs.some((i) => keyOf(i) === key)) node.connect(mix.node);
  }

  private dropSource(key: string, forget = true): void {
    this.sources.get(key)?.node.disconnect();
    this.sources.delete(key);
    if (forget) this.streams.delete(key);
  }
}
