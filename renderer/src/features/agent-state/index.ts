export { AgentStateControl } from './AgentStateControl';
