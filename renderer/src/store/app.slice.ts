import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../../shared/ipc-contract';
import type { AppErrorShape } from '../../../shared/result';
import type { RootState, StoreDeps } from './types';

/** The key of the 工作台 tab, where the call in hand is worked (the shell's first tab). */
export const DESK_TAB = 'overview';

export interface AppSlice {
  info: AppInfo | null;
  infoError: AppErrorShape | null;
  /** The workspace tab on screen (the shell's tabs; other parts may send the agent to one). */
  workspaceTab: string;
  showTab(key: string): void;
  loadInfo(): Promise<void>;
}

export const createAppSlice =
  (deps: StoreDeps): StateCreator<RootState, [], [], AppSlice> =>
  (set) => ({
    info: null,
    infoError: null,
    workspaceTab: DESK_TAB,
    showTab: (workspaceTab) => set({ workspaceTab }),
    async loadInfo() {
      const r = await deps.api.app.getInfo();
      set(r.ok ? { info: r.value, infoError: null } : { infoError: r.error });
    },
  });
