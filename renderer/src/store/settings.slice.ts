import type { StateCreator } from 'zustand';
import type { AppErrorShape } from '../../../shared/result';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import type { RootState, StoreDeps } from './types';

export interface SettingsSlice {
  settings: Settings | null;
  settingsError: AppErrorShape | null;
  loadSettings(): Promise<void>;
  /** Persists a change; the UI follows once the main side has stored it. */
  updateSettings(patch: SettingsPatch): Promise<boolean>;
}

export const createSettingsSlice =
  (deps: StoreDeps): StateCreator<RootState, [], [], SettingsSlice> =>
  (set) => ({
    settings: null,
    settingsError: null,
    async loadSettings() {
      const r = await deps.api.settings.get();
      set(r.ok ? { settings: r.value, settingsError: null } : { settingsError: r.error });
    },
    async updateSettings(patch) {
      const r = await deps.api.settings.update(patch);
      set(r.ok ? { settings: r.value, settingsError: null } : { settingsError: r.error });
      return r.ok;
    },
  });
