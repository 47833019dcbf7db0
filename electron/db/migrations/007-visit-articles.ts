import type { Migration } from '../migration.js';

/**
 * Knowledge articles linked to a visit (what the agent answered from, R-KB-COMPLETE). The title is
 * kept as it was when linked, so the record still reads right after the article is edited or retired.
 */
export const m007VisitArticles: Migration = {
  version: 7,
  name: 'visit-articles',
  up(db) {
    db.exec(`
      CREATE TABLE visit_articles (
        visit_id    INTEGER NOT NULL REFERENCES visits(id),
        article_id  TEXT NOT NULL,
        title       TEXT NOT NULL,
        linked_by   TEXT NOT NULL,
        linked_at   INTEGER NOT NULL,
        PRIMARY KEY (visit_id, article_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
