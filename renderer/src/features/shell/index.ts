export { AppShell } from './AppShell';
export { matchesCombo } from './shortcuts';
