import type { StateCreator } from 'zustand';
import { chatClocks, type ChatMessage, type Conversation, type RunningChatClock } from '../../../shared/chat';
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
  /**
   * Every conversation's running clocks (shared/chat.ts chatClocks), kept as the same array while
   * they do not change: a customer writing again while waiting moves no clock, so the strip, the
   * board and the alerts do not re-render for it.
   */
  chatClocks: readonly RunningChatClock[];
  /** Replies this desk stored, counted: what the typing speed is read again on. */
  repliesStored: number;
  /** Reads the open conversations and their transcripts again (start, reload). */
  loadChats(): Promise<void>;
  /** A stored message (in or out, new or with a new status), into its conversation. */
  chatMessage(message: ChatMessage, conversation?: Conversation): void;
  chatClosed(conv: string): void;
  setTyping(peer: string, until: number | null): void;
  openConversation(conv: string | null): void;
}

const upsert = (list: readonly ChatMessage[] = [], m: ChatMessage) => (list.some((x) => x.id === m.id) ? list.map((x) => (x.id === m.id ? m : x)) : [...list, m]);

const sameClocks = (a: readonly RunningChatClock[], b: readonly RunningChatClock[]) =>
  a.length === b.length && a.every((x, i) => x.conv === b[i]!.conv && x.clock === b[i]!.clock && x.startedAt === b[i]!.startedAt && x.peer === b[i]!.peer);

/** The clocks of these conversations, the previous array when nothing moved. */
const clocksOf = (before: readonly RunningChatClock[], conversations: readonly Conversation[], transcripts: ChatSlice['transcripts']) => {
  const next = chatClocks(conversations, transcripts);
  return sameClocks(before, next) ? before : next;
};

const sameConversation = (a: Conversation, b: Conversation) => a.peer === b.peer && a.peerKind === b.peerKind && a.visitId === b.visitId && a.openedAt === b.openedAt && a.closedAt === b.closedAt;

export const createChatSlice =
  (deps: StoreDeps): StateCreator<RootState, [], [], ChatSlice> =>
  (set, get) => ({
    conversations: [],
    transcripts: {},
    unread: {},
    typing: {},
    activeConversation: null,
    chatClocks: [],
    repliesStored: 0,
    async loadChats() {
      const open = await deps.api.chat.open();
      if (!open.ok) return;
      const transcripts = await Promise.all(open.value.map((c) => deps.api.chat.transcript({ conv: c.id })));
      const loaded = Object.fromEntries(open.value.map((c, i) => [c.id, transcripts[i]!.ok ? transcripts[i]!.value : []]));
      set({
        conversations: open.value,
        transcripts: loaded,
        chatClocks: clocksOf(get().chatClocks, open.value, loaded),
        activeConversation: get().activeConversation ?? open.value[0]?.id ?? null,
      });
    },
    chatMessage: (message, conversation) =>
      set((s) => {
        // the same array unless the conversation is new or changed: everything listing them re-renders on it
        const known = conversation ? s.conversations.find((c) => c.id === conversation.id) : undefined;
        const conversations = !conversation || (known && sameConversation(known, conversation)) ? s.conversations : known ? s.conversations.map((c) => (c.id === conversation.id ? conversation : c)) : [...s.conversations, conversation];
        const seen = (s.transcripts[message.conv] ?? []).some((x) => x.id === message.id);
        const unread = message.direction === 'in' && !seen && s.activeConversation !== message.conv ? { ...s.unread, [message.conv]: (s.unread[message.conv] ?? 0) + 1 } : s.unread;
        const transcripts = { ...s.transcripts, [message.conv]: upsert(s.transcripts[message.conv], message) };
        return {
          conversations,
          transcripts,
          unread,
          chatClocks: clocksOf(s.chatClocks, conversations, transcripts),
          repliesStored: s.repliesStored + (message.direction === 'out' && !seen ? 1 : 0),
          activeConversation: s.activeConversation ?? message.conv,
        };
      }),
    chatClosed: (conv) =>
      set((s) => {
        const conversations = s.conversations.filter((c) => c.id !== conv);
        return {
          conversations,
          chatClocks: clocksOf(s.chatClocks, conversations, s.transcripts),
          activeConversation: s.activeConversation === conv ? (conversations[0]?.id ?? null) : s.activeConversation,
        };
      }),
    setTyping: (peer, until) =>
      set((s) => {
        const { [peer]: _, ...rest } = s.typing;
        return { typing: until === null ? rest : { ...rest, [peer]: until } };
      }),
    openConversation: (conv) => set((s) => ({ activeConversation: conv, unread: conv ? { ...s.unread, [conv]: 0 } : s.unread })),
  });
