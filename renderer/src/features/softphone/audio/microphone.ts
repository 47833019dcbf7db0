/**
 * Microphone access and level: the settings meter, the silent-device warning and a clear reason when
 * the microphone cannot be opened (permission denied, no device, device busy).
 */

export type MicrophoneProblem = 'permission-denied' | 'not-found' | 'busy' | 'unknown';

export function microphoneProblem(error: unknown): MicrophoneProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'permission-denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'not-found';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'unknown';
}

/** Below this RMS (about -60 dBFS) for the whole window, the microphone is taken as silent. */
export const SILENCE_RMS = 0.001;
export const SILENCE_WINDOW_MS = 3000;

export interface LevelMeter {
  stop(): void;
}

/**
 * Opens the microphone and reports its RMS level (0..1) about 20 times a second, and `silent` once
 * nothing above SILENCE_RMS arrived for SILENCE_WINDOW_MS. Rejects with the getUserMedia error.
 */
export async function openLevelMeter(
  constraints: MediaTrackConstraints,
  onLevel: (rms: number, silent: boolean) => void,
): Promise<LevelMeter> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: constraints, video: false });
  const ctx = new AudioContext();
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 2048;
  ctx.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  let lastSound = performance.now();
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    const rms = Math.sqrt(sum / samples.length);
    const now = performance.now();
    if (rms > SILENCE_RMS) lastSound = now;
    onLevel(rms, now - lastSound >= SILENCE_WINDOW_MS);
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      for (const t of stream.getTracks()) t.stop();
      void ctx.close();
    },
  };
}

/** Lists audio devices; labels are only filled in once microphone permission was granted. */
export async function listAudioDevices(): Promise<{ deviceId: string; kind: 'audioinput' | 'audiooutput'; label: string }[]> {
  const all = await navigator.mediaDevices.enumerateDevices();
  return all
    .filter((d): d is MediaDeviceInfo & { kind: 'audioinput' | 'audiooutput' } => d.kind === 'audioinput' || d.kind === 'audiooutput')
    .map((d) => ({ deviceId: d.deviceId, kind: d.kind, label: d.label }));
}
