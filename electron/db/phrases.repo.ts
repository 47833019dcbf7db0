import type { Phrase } from '../../shared/phrases.js';
import type { Locale } from '../../shared/settings.js';
import type { Db } from './database.js';

/** Phrase rows per locale (migration 011); validation lives in the phrases service. */
export class PhrasesRepo {
  constructor(private readonly db: Db) {}

  seededVersion(locale: Locale): number {
    const row = this.db.prepare('SELECT version FROM phrase_seeds WHERE locale = ?').get(locale) as { version: number } | undefined;
    return row?.version ?? 0;
  }

  /**
   * Applies a shipped library: new phrases are added, shipped ones updated, shipped ones gone from
   * the file removed; the company's own rows (edited, added, removed) stay exactly as they are.
   */
  seed(locale: Locale, version: number, phrases: readonly Phrase[], now: number): { added: number; updated: number; kept: number } {
    return this.db.transaction(() => {
      const origin = new Map(
        (this.db.prepare('SELECT id, origin FROM phrases WHERE locale = ?').all(locale) as { id: string; origin: string }[]).map((r) => [r.id, r.origin]),
      );
      const upsert = this.db.prepare(
        `INSERT INTO phrases (locale, id, position, data, origin, updated_at, updated_by) VALUES (?, ?, ?, ?, 'shipped', ?, 'shipped')
         ON CONFLICT (locale, id) DO UPDATE SET position = excluded.position, data = excluded.data, updated_at = excluded.updated_at WHERE origin = 'shipped'`,
      );
      let added = 0;
      let updated = 0;
      phrases.forEach((p, i) => {
        const before = origin.get(p.id);
        if (before === 'company') return;
        upsert.run(locale, p.id, i, JSON.stringify(p), now);
        if (before) updated++;
        else added++;
      });
      const shipped = new Set(phrases.map((p) => p.id));
      const drop = this.db.prepare("DELETE FROM phrases WHERE locale = ? AND id = ? AND origin = 'shipped'");
      for (const [id, o] of origin) if (o === 'shipped' && !shipped.has(id)) drop.run(locale, id);
      this.db
        .prepare('INSERT INTO phrase_seeds (locale, version, seeded_at) VALUES (?, ?, ?) ON CONFLICT (locale) DO UPDATE SET version = excluded.version, seeded_at = excluded.seeded_at')
        .run(locale, version, now);
      return { added, updated, kept: [...origin.values()].filter((o) => o === 'company').length };
    })();
  }

  /** The live phrases in order. */
  all(locale: Locale): { phrase: Phrase; origin: 'shipped' | 'company' }[] {
    const rows = this.db.prepare('SELECT data, origin FROM phrases WHERE locale = ? AND deleted = 0 ORDER BY position, id').all(locale) as { data: string; origin: 'shipped' | 'company' }[];
    return rows.map((r) => ({ phrase: JSON.parse(r.data) as Phrase, origin: r.origin }));
  }

  exists(locale: Locale, id: string): boolean {
    return this.db.prepare('SELECT 1 FROM phrases WHERE locale = ? AND id = ? AND deleted = 0').get(locale, id) !== undefined;
  }

  /** Adds or replaces a phrase as the company's own; a new one goes last. */
  put(locale: Locale, phrase: Phrase, by: string, now: number): void {
    this.db
      .prepare(
        `INSERT INTO phrases (locale, id, position, data, origin, updated_at, updated_by)
         VALUES (?, ?, (SELECT COALESCE(MAX(position), -1) + 1 FROM phrases WHERE locale = ?), ?, 'company', ?, ?)
         ON CONFLICT (locale, id) DO UPDATE SET data = excluded.data, origin = 'company', deleted = 0, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(locale, phrase.id, locale, JSON.stringify(phrase), now, by);
  }

  remove(locale: Locale, id: string, by: string, now: number): boolean {
    return this.db.prepare("UPDATE phrases SET deleted = 1, origin = 'company', updated_at = ?, updated_by = ? WHERE locale = ? AND id = ? AND deleted = 0").run(now, by, locale, id).changes === 1;
  }

  /** An imported library replaces the live one wholesale, in its order; everything becomes the company's. */
  replace(locale: Locale, phrases: readonly Phrase[], by: string, now: number): void {
    this.db.transaction(() => {
      this.db.prepare("UPDATE phrases SET deleted = 1, origin = 'company', updated_at = ?, updated_by = ? WHERE locale = ?").run(now, by, locale);
      const upsert = this.db.prepare(
        `INSERT INTO phrases (locale, id, position, data, origin, updated_at, updated_by) VALUES (?, ?, ?, ?, 'company', ?, ?)
         ON CONFLICT (locale, id) DO UPDATE SET position = excluded.position, data = excluded.data, deleted = 0, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      );
      phrases.forEach((p, i) => upsert.run(locale, p.id, i, JSON.stringify(p), now, by));
    })();
  }
}
