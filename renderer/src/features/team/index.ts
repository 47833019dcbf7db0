export { RosterPane } from './RosterPane';
