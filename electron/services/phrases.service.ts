import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PhraseLibrarySchema, type Phrase, type PhraseLibrary } from '../../shared/phrases.js';
import { AppError, ErrorCode } from '../../shared/result.js';
import type { Locale } from '../../shared/settings.js';
import type { PhrasesRepo } from '../db/phrases.repo.js';

/**
 * The phrase library of each UI language, kept in SQLite. The shipped file
 * (resources/phrases/<locale>.json, versioned) is seeded on first use and again whenever a newer
 * version ships, without overwriting what the company edited, added or removed. Edits, removals
 * and imports are validated here; an import is all or nothing, with the path of every problem.
 */
export class PhrasesService {
  private readonly seeded = new Set<Locale>();

  constructor(
    private readonly repo: PhrasesRepo,
    private readonly resourcesDir: string,
    private readonly agent: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The shipped library: a broken file is an error here, never a half-seeded table. */
  shipped(locale: Locale): PhraseLibrary {
    return PhraseLibrarySchema.parse(JSON.parse(readFileSync(join(this.resourcesDir, 'phrases', `${locale}.json`), 'utf8')));
  }

  library(locale: Locale): PhraseLibrary {
    this.ensureSeeded(locale);
    return { version: this.repo.seededVersion(locale), locale, phrases: this.repo.all(locale).map((r) => r.phrase) };
  }

  save(locale: Locale, phrase: Phrase): PhraseLibrary {
    this.ensureSeeded(locale);
    this.repo.put(locale, phrase, this.agent(), this.now());
    return this.library(locale);
  }

  remove(locale: Locale, id: string): PhraseLibrary {
    this.ensureSeeded(locale);
    if (!this.repo.remove(locale, id, this.agent(), this.now())) throw new AppError(ErrorCode.NotFound, `no phrase ${id}`);
    return this.library(locale);
  }

  /** Replaces the library with an exported (and perhaps edited) file's. */
  import(locale: Locale, json: string): PhraseLibrary {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch (e) {
      throw new AppError(ErrorCode.BadArguments, `not JSON: ${(e as Error).message}`);
    }
    const parsed = PhraseLibrarySchema.safeParse(raw);
    if (!parsed.success) {
      const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || '(file)', i.message]));
      throw new AppError(ErrorCode.BadArguments, `not a phrase library: ${Object.entries(fields).map(([path, m]) => `${path}: ${m}`).slice(0, 5).join('; ')}`, fields);
    }
    if (parsed.data.locale !== locale) throw new AppError(ErrorCode.BadArguments, `the file is the ${parsed.data.locale} library, not ${locale}`);
    return this.replace(parsed.data);
  }

  /** Puts a whole library in place of the one held (an import, or the team's library on a member desk). */
  replace(library: PhraseLibrary): PhraseLibrary {
    this.ensureSeeded(library.locale);
    this.repo.replace(library.locale, library.phrases, this.agent(), this.now());
    return this.library(library.locale);
  }

  private ensureSeeded(locale: Locale): void {
    if (this.seeded.has(locale)) return;
    const shipped = this.shipped(locale);
    if (this.repo.seededVersion(locale) < shipped.version) this.repo.seed(locale, shipped.version, shipped.phrases, this.now());
    this.seeded.add(locale);
  }
}
