import type { StateCreator } from 'zustand';
import type { AppErrorShape } from '../../../shared/result';
import type { Locale, Settings } from '../../../shared/settings';
import type { RootState, StoreDeps } from './types';

export interface SettingsSlice {
  settings: Settings | null;
  settingsError: AppErrorShape | null;
  loadSettings(): Promise<void>;
  /** Persists the language; the UI switches once the main side has stored it. */
  setLocale(locale: Locale): Promise<boolean>;
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
    async setLocale(locale) {
      const r = await deps.api.settings.update({ locale });
      set(r.ok ? { settings: r.value, settingsError: null } : { settingsError: r.error });
      return r.ok;
    },
  });
