import type { Migration } from '../migration.js';

/**
 * The company's phrase library, seeded from resources/phrases/<locale>.json. `origin` says whose a
 * phrase is: 'shipped' ones follow newer shipped versions; 'company' ones (edited, added, imported
 * or removed here) are never touched by a shipped update. A removed phrase is kept as a tombstone
 * (`deleted` = 1) so the next seed does not bring it back.
 */
export const m011Phrases: Migration = {
  version: 11,
  name: 'phrases',
  up(db) {
    db.exec(`
      CREATE TABLE phrases (
        locale      TEXT NOT NULL,
        id          TEXT NOT NULL,
        position    INTEGER NOT NULL,
        data        TEXT NOT NULL,
        origin      TEXT NOT NULL CHECK (origin IN ('shipped', 'company')),
        deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        updated_at  INTEGER NOT NULL,
        updated_by  TEXT NOT NULL,
        PRIMARY KEY (locale, id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE phrase_seeds (
        locale     TEXT PRIMARY KEY,
        version    INTEGER NOT NULL,
        seeded_at  INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
