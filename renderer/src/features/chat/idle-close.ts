import { idleSince, promptSent, type ChatMessage } from '../../../../shared/chat';
import { durationMs } from '../../../../shared/deadlines';
import type { AppStore } from '../../store';
import { onTick } from '../deadlines';
import type { ChatChannel } from './channel';

/** The phrase library's first wording of phrase `id` (the UI language's library), if it has one. */
const phraseText = (store: AppStore, id: string) => store.getState().phraseLibrary?.phrases.find((p) => p.id === id)?.say[0];


/**
 * The 3/5 close (R-CLOSE-3-5), kept by the desk itself: a customer silent for the policy's
 * idle-prompt time after the desk answered gets the standard prompt (phrase idle-prompt) once, unless
 * the agent already sent it with one click (ChatPanel); silent
 * for the idle-close time, the online closing phrase (closing-online), and the conversation closes.
 * The times are the deadline policy's, so a short policy runs the same path. Nothing is kept in
 * memory: a prompt already sent is in the transcript, so a reload does not send it twice.
 */
export function runIdleClose(store: AppStore, channel: ChatChannel): () => void {
  const busy = new Set<string>();
  return onTick((now) => {
    const s = store.getState();
    const policy = s.settings?.deadlinePolicy;
    if (!policy || s.registration.status !== 'registered') return;
    const promptMs = durationMs(policy.rules['idle-prompt'].duration);
    const closeMs = durationMs(policy.rules['idle-close'].duration);
    for (const c of s.conversations) {
      const transcript: readonly ChatMessage[] = s.transcripts[c.id] ?? [];
      const since = idleSince(transcript);
      if (since === null || busy.has(c.id)) continue;
      // what was sent after `ms` of silence is in the transcript: nothing twice, also after a reload
      const sentAfter = (ms: number) => transcript.some((m) => m.direction === 'out' && m.storedAt >= since + ms);
      let step: (() => Promise<unknown>) | undefined;
      if (now - since >= closeMs) {
        const closing = phraseText(store, 'closing-online');
        step = sentAfter(closeMs) || !closing ? () => channel.close(c.id) : () => channel.reply(c.id, closing).then((error) => error ?? channel.close(c.id));
      } else if (now - since >= promptMs) {
        const prompt = phraseText(store, 'idle-prompt');
        if (prompt && !promptSent(transcript, since, prompt)) step = () => channel.reply(c.id, prompt);
      }
      if (!step) continue;
      busy.add(c.id);
      void step().finally(() => busy.delete(c.id));
    }
  });
}
