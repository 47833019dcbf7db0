export { RosterPane } from './RosterPane';
export { TeamCard } from './TeamCard';
