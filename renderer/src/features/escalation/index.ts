export { announceEscalation } from './announce';
export { TeamChannelContext, useTeamChannel } from './context';
export { ESCALATE_SHORTCUT, EscalateButton } from './EscalateButton';
export { EscalationsPanel } from './EscalationsPanel';
export { TeamChannel } from './team-channel';
