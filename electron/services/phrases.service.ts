import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PhraseLibrarySchema, type PhraseLibrary } from '../../shared/phrases.js';
import type { Locale } from '../../shared/settings.js';

/**
 * The shipped phrase libraries (resources/phrases/<locale>.json), validated when first asked for:
 * a broken file is an error at that point, never a half-loaded library.
 */
export class PhrasesService {
  private readonly loaded = new Map<Locale, PhraseLibrary>();

  constructor(private readonly resourcesDir: string) {}

  library(locale: Locale): PhraseLibrary {
    let library = this.loaded.get(locale);
    if (!library) {
      library = PhraseLibrarySchema.parse(JSON.parse(readFileSync(join(this.resourcesDir, 'phrases', `${locale}.json`), 'utf8')));
      this.loaded.set(locale, library);
    }
    return library;
  }
}
