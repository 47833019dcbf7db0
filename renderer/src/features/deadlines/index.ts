export { CountdownStrip } from './CountdownStrip';
export { onTick } from './ticker';
export { DeadlineBoard } from './DeadlineBoard';
export { VisitClocks } from './VisitClocks';
export { watchDeadlines, type AlertOutlets } from './watch';
