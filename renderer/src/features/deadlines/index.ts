export { CountdownStrip } from './CountdownStrip';
export { DeadlineBoard } from './DeadlineBoard';
export { watchDeadlines, type AlertOutlets } from './watch';
