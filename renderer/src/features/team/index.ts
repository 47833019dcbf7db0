export { MonitorRecords } from './MonitorRecords';
export { recordMonitoring } from './monitor-records';
export { openMailbox, sealedSender, type MailHandlers, type SendTeamMessage } from './mailbox';
export { presenceOf, reportPresence } from './presence';
export { publishDirectory } from './publisher';
export { reportSummaries } from './summaries';
export { RosterPane } from './RosterPane';
export { TeamCard } from './TeamCard';
export { TeamWeekView } from './TeamWeekView';
