import type { Migration } from '../migration.js';

/**
 * The knowledge base's optional semantic signal (issue 19, item 2): each article's sentence
 * embedding, per model (a vector from another model is never compared with this one's). An article
 * edited or deleted loses its vector; the embedder fills in what is missing.
 */
export const m023KbVectors: Migration = {
  version: 23,
  name: 'kb-vectors',
  up(db) {
    db.exec(`
      CREATE TABLE kb_vectors (
        rid     INTEGER PRIMARY KEY REFERENCES kb_articles (rid) ON DELETE CASCADE,
        model   TEXT NOT NULL,
        vector  BLOB NOT NULL
      ) STRICT;
      CREATE INDEX kb_vectors_by_model ON kb_vectors (model);
    `);
  },
};
