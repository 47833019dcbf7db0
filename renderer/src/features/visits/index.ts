export { HandoverCard } from './HandoverCard';
export { MassIncidentAlert } from './MassIncidentAlert';
export { trackVisits } from './visit-tracker';
export { UnsavedDrafts } from './UnsavedDrafts';
export { VisitsPanel } from './VisitsPanel';
export { CurrentVisit, SAVE_VISIT_SHORTCUT } from './WrapUpForm';
