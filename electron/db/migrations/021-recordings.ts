import type { Migration } from '../migration.js';

/**
 * Call recordings (issue 17, item 6): one row per recorded customer call, its Opus file under the
 * data folder's recordings/, the visit it belongs to, and its size as written so far.
 */
export const m021Recordings: Migration = {
  version: 21,
  name: 'recordings',
  up(db) {
    db.exec(`
      CREATE TABLE recordings (
        id         INTEGER PRIMARY KEY,
        visit_id   INTEGER REFERENCES visits (id) ON DELETE SET NULL,
        number     TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at   INTEGER,
        bytes      INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX recordings_by_visit ON recordings (visit_id);
      CREATE INDEX recordings_by_time ON recordings (started_at);
    `);
  },
};
