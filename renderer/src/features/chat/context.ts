import { createContext, useContext } from 'react';
import type { ChatChannel } from './channel';

export const ChatChannelContext = createContext<ChatChannel | null>(null);

export function useChatChannel(): ChatChannel {
  const channel = useContext(ChatChannelContext);
  if (!channel) throw new Error('useChatChannel outside <ChatChannelContext.Provider>');
  return channel;
}
