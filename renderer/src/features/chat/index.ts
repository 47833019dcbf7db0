export { ChatChannel } from './channel';
export { ChatChannelContext } from './context';
export { ChatPanel } from './ChatPanel';
export { runIdleClose } from './idle-close';
export { Transcript } from './Transcript';
