import type { StateCreator } from 'zustand';
import type { ChatMessage, Conversation } from '../../../shared/chat';
import type { RootState, StoreDeps } from './types';

/**
 * The online channel as the desk shows it (issue 18): the open conversations, each one's
 * transcript as stored on the main side, unread counts, and who is typing. Messages enter only
 * after the main side stored them (features/chat/channel.ts).
 */
export interface ChatSlice {
  conversations: readonly Conversation[];
  transcripts: Readonly<Record<string, readonly ChatMessage[]>>;
  unread: Readonly<Record<string, number>>;
  /** Peers typing now, until when (their isComposing refresh). */
  typing: Readonly<Record<string, number>>;
  activeConversation: string | null;
  /** Reads the open conversations and their transcripts again (start, reload). */
  loadChats(): Promise<void>;
  /** A stored message (in or out, new or with a new status), into its conversation. */
  chatMessage(message: ChatMessage, conversation?: Conversation): void;
  chatClosed(conv: string): void;
  setTyping(peer: string, until: number | null): void;
  openConversation(conv: string | null): void;
}

const upsert = (list: readonly ChatMessage[] = [], m: ChatMessage) => (list.some((x) => x.id === m.id) ? list.map((x) => (x.id === m.id ? m : x)) : [...list, m]);

export const createChatSlice =
  (deps: StoreDeps): StateCreator<RootState, [], [], ChatSlice> =>
  (set, get) => ({
    conversations: [],
    transcripts: {},
    unread: {},
    typing: {},
    activeConversation: null,
    async loadChats() {
      const open = await deps.api.chat.open();
      if (!open.ok) return;
      const transcripts = await Promise.all(open.value.map((c) => deps.api.chat.transcript({ conv: c.id })));
      set({
        conversations: open.value,
        transcripts: Object.fromEntries(open.value.map((c, i) => [c.id, transcripts[i]!.ok ? transcripts[i]!.value : []])),
        activeConversation: get().activeConversation ?? open.value[0]?.id ?? null,
      });
    },
    chatMessage: (message, conversation) =>
      set((s) => {
        const known = s.conversations.some((c) => c.id === message.conv);
        const conversations = conversation ? (known ? s.conversations.map((c) => (c.id === conversation.id ? conversation : c)) : [...s.conversations, conversation]) : s.conversations;
        const seen = (s.transcripts[message.conv] ?? []).some((x) => x.id === message.id);
        const unread = message.direction === 'in' && !seen && s.activeConversation !== message.conv ? { ...s.unread, [message.conv]: (s.unread[message.conv] ?? 0) + 1 } : s.unread;
        return { conversations, transcripts: { ...s.transcripts, [message.conv]: upsert(s.transcripts[message.conv], message) }, unread, activeConversation: s.activeConversation ?? message.conv };
      }),
    chatClosed: (conv) =>
      set((s) => ({ conversations: s.conversations.filter((c) => c.id !== conv), activeConversation: s.activeConversation === conv ? (s.conversations.find((c) => c.id !== conv)?.id ?? null) : s.activeConversation })),
    setTyping: (peer, until) =>
      set((s) => {
        const { [peer]: _, ...rest } = s.typing;
        return { typing: until === null ? rest : { ...rest, [peer]: until } };
      }),
    openConversation: (conv) => set((s) => ({ activeConversation: conv, unread: conv ? { ...s.unread, [conv]: 0 } : s.unread })),
  });
