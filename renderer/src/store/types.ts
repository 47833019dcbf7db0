import type { AgentApi } from '../../../shared/ipc-contract';
import type { AgentSlice } from './agent.slice';
import type { ChatSlice } from './chat.slice';
import type { AppSlice } from './app.slice';
import type { DeadlinesSlice } from './deadlines.slice';
import type { PhoneSlice } from './phone.slice';
import type { PhrasesSlice } from './phrases.slice';
import type { ScriptSlice } from './script.slice';
import type { SettingsSlice } from './settings.slice';
import type { TeamSlice } from './team.slice';
import type { VisitsSlice } from './visits.slice';

export type RootState = AppSlice & SettingsSlice & AgentSlice & PhoneSlice & VisitsSlice & PhrasesSlice & ScriptSlice & DeadlinesSlice & TeamSlice & ChatSlice;

/** What slices need from outside: the contract API and a clock (fake in tests). */
export interface StoreDeps {
  readonly api: AgentApi;
  readonly now: () => number;
}
