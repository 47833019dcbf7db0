export { ChatChannel } from './channel';
export { ChatChannelContext } from './context';
export { CHAT_URGENT_SHORTCUT, ChatPanel, focusReply } from './ChatPanel';
export { runIdleClose } from './idle-close';
export { Transcript } from './Transcript';
