export { AgentStateControl, reasonLabel } from './AgentStateControl';
