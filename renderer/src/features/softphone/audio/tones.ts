/**
 * Locally generated tones (no audio files to ship): the ringer on the ringer device, the
 * call-waiting beep and the test tone in the agent's earpiece. Each plays through its own <audio>
 * element so it can be routed to a chosen output with setSinkId.
 */

/** A tone pattern: frequency, how long it sounds and the length of one cycle (0: play once). */
export interface TonePattern {
  readonly hz: number;
  readonly onMs: number;
  readonly periodMs: number;
  readonly gain: number;
}

/** Chinese ring cadence: 450 Hz, 1 s on / 4 s off (3 rings = 15 s, R-RING-3 / R-ANSWER-15S). */
export const RING: TonePattern = { hz: 450, onMs: 1000, periodMs: 5000, gain: 0.25 };
/** Call-waiting beep in the earpiece: short, so the customer conversation stays intelligible. */
export const CALL_WAITING: TonePattern = { hz: 450, onMs: 300, periodMs: 4000, gain: 0.1 };
/** Speaker check in the settings. */
export const TEST_TONE: TonePattern = { hz: 1000, onMs: 1000, periodMs: 0, gain: 0.2 };

export interface PlayingTone {
  readonly element: HTMLAudioElement;
  stop(): void;
}

/** Starts a tone pattern on an output device (undefined: system default). */
export function playTone(pattern: TonePattern, sinkId: string | undefined, onError: (e: unknown) => void): PlayingTone {
  const ctx = new AudioContext();
  const destination = ctx.createMediaStreamDestination();
  const gain = ctx.createGain();
  gain.gain.value = 0;
  gain.connect(destination);
  const osc = ctx.createOscillator();
  osc.frequency.value = pattern.hz;
  osc.connect(gain);
  osc.start();
  const cycle = () => {
    const t = ctx.currentTime;
    gain.gain.setValueAtTime(pattern.gain, t);
    gain.gain.setValueAtTime(0, t + pattern.onMs / 1000);
  };
  cycle();
  const timer = pattern.periodMs > 0 ? setInterval(cycle, pattern.periodMs) : undefined;
  const element = document.createElement('audio');
  element.dataset['zuoxiTone'] = String(pattern.hz);
  element.srcObject = destination.stream;
  document.body.append(element);
  void (sinkId ? element.setSinkId(sinkId) : Promise.resolve()).then(() => element.play()).catch(onError);
  let stopped = false;
  return {
    element,
    stop: () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      element.remove();
      void ctx.close();
    },
  };
}
