import type { StateCreator } from 'zustand';
import type { PhraseLibrary } from '../../../shared/phrases';
import type { Locale } from '../../../shared/settings';
import type { RootState, StoreDeps } from './types';

/** The phrase library for the UI language, and the titles the checker must flag (R-NO-UNRELEASED). */
export interface PhrasesSlice {
  phraseLibrary: PhraseLibrary | null;
  unreleasedTitles: readonly string[];
  phrasesError: string | null;
  loadPhrases(locale: Locale): Promise<void>;
  /** After an edit or import of the library shown (the UI language's). */
  setPhraseLibrary(library: PhraseLibrary): void;
}

export const createPhrasesSlice =
  (deps: StoreDeps): StateCreator<RootState, [], [], PhrasesSlice> =>
  (set) => ({
    phraseLibrary: null,
    unreleasedTitles: [],
    phrasesError: null,
    async loadPhrases(locale) {
      const [library, unreleased] = await Promise.all([deps.api.phrases.library({ locale }), deps.api.kb.unreleased()]);
      set({
        phraseLibrary: library.ok ? library.value : null,
        unreleasedTitles: unreleased.ok ? unreleased.value : [],
        phrasesError: library.ok ? null : library.error.message,
      });
    },
    setPhraseLibrary: (phraseLibrary) => set({ phraseLibrary }),
  });
