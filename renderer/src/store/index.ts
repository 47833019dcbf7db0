import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import { createAgentSlice } from './agent.slice';
import { createAppSlice } from './app.slice';
import { createChatSlice } from './chat.slice';
import { createDeadlinesSlice } from './deadlines.slice';
import { createPhoneSlice } from './phone.slice';
import { createPhrasesSlice } from './phrases.slice';
import { createScriptSlice } from './script.slice';
import { createSettingsSlice } from './settings.slice';
import { createTeamSlice } from './team.slice';
import { createVisitsSlice } from './visits.slice';
import type { RootState, StoreDeps } from './types';

export { DESK_TAB } from './app.slice';
export type { RootState, StoreDeps } from './types';
export type AppStore = StoreApi<RootState>;

/** One root store composed of slices (zustand slices pattern); no middleware yet. */
export function createAppStore(deps: StoreDeps): AppStore {
  return createStore<RootState>()((...a) => ({
    ...createAppSlice(deps)(...a),
    ...createSettingsSlice(deps)(...a),
    ...createAgentSlice(deps)(...a),
    ...createPhoneSlice(...a),
    ...createVisitsSlice(...a),
    ...createPhrasesSlice(deps)(...a),
    ...createScriptSlice(...a),
    ...createDeadlinesSlice(deps)(...a),
    ...createTeamSlice(deps)(...a),
    ...createChatSlice(deps)(...a),
  }));
}

export const StoreContext = createContext<AppStore | null>(null);

/** Narrow selector hook; use `useShallow` from zustand/react/shallow when picking several fields. */
export function useAppStore<T>(selector: (s: RootState) => T): T {
  return useStore(useAppStoreApi(), selector);
}

/** The store itself, for reading state when an action runs without subscribing to it. */
export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside <StoreContext.Provider>');
  return store;
}
