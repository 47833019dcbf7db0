/**
 * Faster media for sip.js sessions, the two waits that dominate answer-to-audio on a LAN:
 *
 * 1. The microphone is opened while the call rings ({@link MicrophoneWarmer.warm}), so Answer does
 *    not wait for getUserMedia; the warmed stream is handed to the session if the constraints still
 *    match, and released when the ringing ends without an answer.
 * 2. sip.js sends SDP only after ICE gathering "completes". Chromium reports completion ~130 ms after
 *    the host candidates (seen here on loopback), so the factory declares gathering complete once the
 *    best candidate type the configuration can yield has arrived (relay with TURN, srflx with STUN,
 *    else host) and no more came for {@link ICE_SETTLE_MS}. The configured timeout still caps the wait.
 */
import type { Session } from 'sip.js';
import { defaultSessionDescriptionHandlerFactory, type SessionDescriptionHandler, type SessionDescriptionHandlerFactory } from 'sip.js/lib/platform/web';

export const ICE_SETTLE_MS = 5;

const key = (c: MediaStreamConstraints) => JSON.stringify(c);

export class MicrophoneWarmer {
  private warmed: { key: string; stream: Promise<MediaStream> } | undefined;

  /** Opens the microphone ahead of an answer (a second call for the same constraints is a no-op). */
  warm(constraints: MediaStreamConstraints): void {
    if (this.warmed?.key === key(constraints)) return;
    this.release();
    const stream = navigator.mediaDevices.getUserMedia(constraints);
    stream.catch(() => {}); // surfaced again when the answer asks for the microphone itself
    this.warmed = { key: key(constraints), stream };
  }

  /** The warmed stream for these constraints (ownership passes to the caller), or a fresh one. */
  async take(constraints: MediaStreamConstraints): Promise<MediaStream> {
    const warmed = this.warmed;
    this.warmed = undefined;
    if (warmed?.key === key(constraints)) {
      const stream = await warmed.stream.catch(() => undefined);
      if (stream?.getAudioTracks().every((t) => t.readyState === 'live')) return stream;
    } else if (warmed) void warmed.stream.then(stopAll, () => {});
    return navigator.mediaDevices.getUserMedia(constraints);
  }

  /** Closes a warmed microphone nobody took (the ringing call was missed or rejected). */
  release(): void {
    const warmed = this.warmed;
    this.warmed = undefined;
    if (warmed) void warmed.stream.then(stopAll, () => {});
  }
}

const stopAll = (s: MediaStream) => {
  for (const t of s.getTracks()) t.stop();
};

type CandidateType = 'host' | 'srflx' | 'relay';
const RANK: Record<string, number> = { host: 0, prflx: 0, srflx: 1, relay: 2 };

/** The best candidate type these ICE servers can give. */
export function bestCandidateType(iceServers: readonly RTCIceServer[]): CandidateType {
  const urls = iceServers.flatMap((s) => (Array.isArray(s.urls) ? s.urls : [s.urls]));
  if (urls.some((u) => /^turns?:/.test(u))) return 'relay';
  if (urls.some((u) => /^stun:/.test(u))) return 'srflx';
  return 'host';
}

/**
 * `media` gives the stream a session sends: the engine hands sip.js a mix from its audio graph
 * (desk-audio.ts) for every session, so sip.js never opens the microphone itself.
 */
export function fastSessionDescriptionHandlerFactory(media: (session: Session, constraints: MediaStreamConstraints) => Promise<MediaStream>, iceServers: readonly RTCIceServer[]): SessionDescriptionHandlerFactory {
  const wanted = RANK[bestCandidateType(iceServers)]!;
  return (session, options) => {
    const base = defaultSessionDescriptionHandlerFactory((constraints) => media(session, constraints));
    const sdh = base(session, options) as SessionDescriptionHandler;
    let settle: ReturnType<typeof setTimeout> | undefined;
    let haveWanted = false;
    sdh.peerConnectionDelegate = {
      onicecandidate: (event) => {
        clearTimeout(settle);
        if (!event.candidate) return; // end of candidates: sip.js completes by itself
        if ((RANK[event.candidate.type ?? 'host'] ?? 0) >= wanted) haveWanted = true;
        if (haveWanted) settle = setTimeout(() => sdh.iceGatheringComplete(), ICE_SETTLE_MS);
      },
      onicegatheringstatechange: () => {
        if (sdh.peerConnection?.iceGatheringState === 'gathering') haveWanted = false; // ICE restart
      },
    };
    return sdh;
  };
}
