import type { AgentApi } from '../../../../shared/ipc-contract';
import { RECORDING_MIME } from '../../../../shared/recording';
import type { AppStore } from '../../store';
import type { SoftphoneController } from '../softphone';
import { toBase64 } from '../../platform/base64';

/** About a second of Opus per chunk: what a crash can lose. */
const CHUNK_MS = 1_000;
const BITRATE = 32_000;

interface Take {
  readonly recorder: MediaRecorder;
  readonly id: number;
  /** Chunks are written in order, one after the other. */
  writing: Promise<unknown>;
}


/**
 * Records every customer call while the team's policy has recording on (issue 17, item 6): both
 * sides from the desk's audio graph, Opus by MediaRecorder, a chunk a second to the main side
 * (which refuses when the policy is off), linked to the call's visit from its start.
 */
export function recordCalls(store: AppStore, api: AgentApi, phone: SoftphoneController): () => void {
  const takes = new Map<string, Take | 'starting'>();

  const begin = async (callId: string, number: string, visitId: number) => {
    takes.set(callId, 'starting');
    const stream = phone.recordingStream(callId);
    const started = stream ? await api.recordings.start({ number: number.slice(0, 32), at: Date.now(), visitId }) : null;
    if (!stream || !started?.ok || !store.getState().calls.some((c) => c.id === callId)) {
      if (started && !started.ok) console.info(`[recording] not started: ${started.error.message}`);
      if (started?.ok) void api.recordings.end({ id: started.value.id, at: Date.now() });
      return void takes.delete(callId);
    }
    const recorder = new MediaRecorder(stream, { mimeType: RECORDING_MIME, audioBitsPerSecond: BITRATE });
    const take: Take = { recorder, id: started.value.id, writing: Promise.resolve() };
    recorder.ondataavailable = (e) => {
      if (e.data.size === 0) return;
      take.writing = take.writing.then(async () => api.recordings.append({ id: take.id, chunk: toBase64(new Uint8Array(await e.data.arrayBuffer())) }));
    };
    recorder.onstop = () => {
      take.writing = take.writing.then(() => api.recordings.end({ id: take.id, at: Date.now() }));
      store.getState().setRecording(callId, null);
    };
    takes.set(callId, take);
    recorder.start(CHUNK_MS);
    store.getState().setRecording(callId, take.id);
  };

  return store.subscribe((s, before) => {
    if (s.calls === before.calls && s.callVisits === before.callVisits) return;
    for (const call of s.calls) {
      // a customer call, once its visit is open (internal calls have none: they are not recorded)
      const visitId = s.callVisits[call.id];
      if (!takes.has(call.id) && visitId && call.role === 'customer' && call.phase === 'connected' && s.settings?.monitoring.recording.enabled) void begin(call.id, call.remoteUser, visitId);
    }
    for (const [callId, take] of takes) {
      if (take === 'starting' || s.calls.some((c) => c.id === callId)) continue;
      takes.delete(callId);
      if (take.recorder.state !== 'inactive') take.recorder.stop();
    }
  });
}
