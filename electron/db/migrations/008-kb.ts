import type { Migration } from '../migration.js';

/**
 * The knowledge base. kb_fts is contentless FTS5 over tokens made by shared/text-index.ts (Han
 * characters and pairs, hex-encoded; the body without single characters) in three weighted
 * columns: title, similar questions, body;
 * its rowid is kb_articles.rid. kb_df holds each token's document frequency (copied from the
 * fts5vocab table kb_terms after every import: a keyed lookup, where fts5vocab scans), so a query
 * can look candidates up by its rarest tokens only.
 */
export const m008Kb: Migration = {
  version: 8,
  name: 'kb',
  up(db) {
    db.exec(`
      CREATE TABLE kb_articles (
        rid          INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        title        TEXT NOT NULL,
        body         TEXT NOT NULL,
        category     TEXT NOT NULL DEFAULT '',
        tags         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
        similar      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(similar)),
        valid_from   INTEGER,
        valid_until  INTEGER,
        internal     INTEGER NOT NULL DEFAULT 0 CHECK (internal IN (0, 1)),
        updated_by   TEXT NOT NULL,
        updated_at   INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX kb_articles_by_category ON kb_articles (category);

      CREATE VIRTUAL TABLE kb_fts USING fts5 (title, similar, body, content = '', contentless_delete = 1, tokenize = 'unicode61');
      CREATE VIRTUAL TABLE kb_terms USING fts5vocab (kb_fts, 'row');
      CREATE TABLE kb_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) STRICT, WITHOUT ROWID;
    `);
  },
};
