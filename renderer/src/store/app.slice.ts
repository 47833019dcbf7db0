import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../../shared/ipc-contract';
import type { AppErrorShape } from '../../../shared/result';
import type { RootState, StoreDeps } from './types';

export interface AppSlice {
  info: AppInfo | null;
  infoError: AppErrorShape | null;
  loadInfo(): Promise<void>;
}

export const createAppSlice =
  (deps: StoreDeps): StateCreator<RootState, [], [], AppSlice> =>
  (set) => ({
    info: null,
    infoError: null,
    async loadInfo() {
      const r = await deps.api.app.getInfo();
      set(r.ok ? { info: r.value, infoError: null } : { infoError: r.error });
    },
  });
