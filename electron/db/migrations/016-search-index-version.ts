import type { Migration } from '../migration.js';

/**
 * Which tokenizer built each free-text index (visits_fts, kb_fts), so a tokenizer change re-indexes
 * in the background instead of inside a migration. Frozen: a database that had reached version 9
 * was re-indexed by the old migration 009 with tokenizer 2; an older one still has tokenizer 1
 * tokens; a new database (version 0) has no rows yet. (`user_version` still holds the version this
 * run started from.)
 */
export const m016SearchIndexVersion: Migration = {
  version: 16,
  name: 'search-index-version',
  up(db) {
    const from = db.pragma('user_version', { simple: true }) as number;
    const built = from === 0 || from >= 9 ? 2 : 1;
    db.exec(`
      CREATE TABLE search_index (
        name       TEXT PRIMARY KEY CHECK (name IN ('visits', 'kb')),
        tokenizer  INTEGER NOT NULL,
        -- the last row re-indexed with the current tokenizer while a rebuild is under way
        done_up_to INTEGER NOT NULL DEFAULT 0
      ) STRICT, WITHOUT ROWID;
    `);
    const insert = db.prepare('INSERT INTO search_index (name, tokenizer) VALUES (?, ?)');
    insert.run('visits', built);
    insert.run('kb', built);
  },
};
