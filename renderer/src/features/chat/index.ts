export { ChatChannel } from './channel';
export { ChatClockRows } from './ChatClockRows';
export { ChatChannelContext } from './context';
export { CHAT_URGENT_SHORTCUT, ChatPanel, showConversation } from './ChatPanel';
export { watchReplyClocks } from './reply-alert';
export { runIdleClose } from './idle-close';
export { Transcript } from './Transcript';
