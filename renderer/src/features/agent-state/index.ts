export { AgentStateControl } from './AgentStateControl';
export { watchWrapUp } from './wrap-up-limit';
