import type { StateCreator } from 'zustand';
import type { AppErrorShape } from '../../../shared/result';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import type { RootState, StoreDeps } from './types';

export interface SettingsSlice {
  settings: Settings | null;
  settingsError: AppErrorShape | null;
  loadSettings(): Promise<void>;
  /**
   * Persists a change. The store shows it at once, so a second change made before the first is
   * stored builds on it (not on what was there before); a refusal puts the stored settings back.
   */
  updateSettings(patch: SettingsPatch): Promise<boolean>;
}

export const createSettingsSlice =
  (deps: StoreDeps): StateCreator<RootState, [], [], SettingsSlice> =>
  (set, get) => ({
    settings: null,
    settingsError: null,
    async loadSettings() {
      const r = await deps.api.settings.get();
      set(r.ok ? { settings: r.value, settingsError: null } : { settingsError: r.error });
    },
    async updateSettings(patch) {
      const before = get().settings;
      if (before) set({ settings: { ...before, ...patch } as Settings });
      const r = await deps.api.settings.update(patch);
      if (r.ok) {
        set({ settings: r.value, settingsError: null });
        // on the team admin's desk a policy change is a new directory version, to publish
        if (get().teamStatus?.role === 'admin') void get().loadTeam();
      } else {
        const stored = await deps.api.settings.get();
        set({ settingsError: r.error, ...(stored.ok ? { settings: stored.value } : {}) });
      }
      return r.ok;
    },
  });
