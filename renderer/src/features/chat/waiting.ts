import type { ChatMessage, Conversation } from '../../../../shared/chat';

/** Since when the customer has waited for an answer: their oldest message after the desk's last one (null: nobody waits). */
export function waitingSince(transcript: readonly ChatMessage[]): number | null {
  let since: number | null = null;
  for (const m of transcript) {
    if (m.direction === 'out') since = null;
    else since ??= m.storedAt;
  }
  return since;
}

/** The conversations, longest-waiting first; those where nobody waits after, oldest opened first. */
export function byUrgency(conversations: readonly Conversation[], transcripts: Readonly<Record<string, readonly ChatMessage[]>>): Conversation[] {
  const key = (c: Conversation) => waitingSince(transcripts[c.id] ?? []) ?? Number.MAX_SAFE_INTEGER;
  return [...conversations].sort((a, b) => key(a) - key(b) || a.openedAt - b.openedAt);
}
