export { CountdownStrip } from './CountdownStrip';
export { DeadlineBoard } from './DeadlineBoard';
export { VisitClocks } from './VisitClocks';
export { watchDeadlines, type AlertOutlets } from './watch';
