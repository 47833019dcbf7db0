export { CountdownStrip } from './CountdownStrip';
export { onTick, useCountdown } from './ticker';
export { DeadlineBoard } from './DeadlineBoard';
export { VisitClocks } from './VisitClocks';
export { watchDeadlines, type AlertOutlets } from './watch';
