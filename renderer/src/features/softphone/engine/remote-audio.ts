/**
 * Plays a leg's remote audio through an <audio> element: Chromium delivers remote WebRTC audio (to
 * the speaker and to Web Audio alike) only while a media element plays it. `data` marks the element
 * (data-zuoxi-*), so tests and tools find whose audio it is.
 */
export function playRemote(stream: MediaStream, data: Readonly<Record<string, string>>, log: (message: string) => void): HTMLAudioElement {
  const audio = document.createElement('audio');
  audio.autoplay = true;
  for (const [key, value] of Object.entries(data)) audio.dataset[key] = value;
  audio.srcObject = stream;
  document.body.append(audio);
  void audio.play().catch((e: unknown) => log(`remote audio did not start: ${String(e)}`));
  return audio;
}
