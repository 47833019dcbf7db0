import type { Migration } from '../migration.js';

/**
 * The visit log (来访记录). Every edit leaves an audit row (who, when, field before/after); the form
 * being typed is kept in visit_drafts (one row per visit, replaced on each autosave) until saved.
 * Free text is searched through visits_fts, a contentless FTS5 table whose rowid is the visit id and
 * whose one column holds tokens made by shared/text-index.ts (Han characters and pairs).
 */
export const m004Visits: Migration = {
  version: 4,
  name: 'visits',
  up(db) {
    db.exec(`
      CREATE TABLE visits (
        id               INTEGER PRIMARY KEY,
        channel          TEXT NOT NULL CHECK (channel IN ('hotline', 'online')),
        direction        TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        customer_number  TEXT NOT NULL,
        customer_name    TEXT NOT NULL DEFAULT '',
        contact          TEXT NOT NULL DEFAULT '',
        started_at       INTEGER NOT NULL,
        answered_at      INTEGER,
        ended_at         INTEGER,
        category         TEXT,
        description      TEXT NOT NULL DEFAULT '',
        resolution       TEXT NOT NULL DEFAULT '',
        status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending-department', 'resolved', 'closed')),
        complexity       TEXT CHECK (complexity IN ('simple', 'complex')),
        owner            TEXT NOT NULL,
        tags             TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
        call_id          TEXT UNIQUE,
        linked_visit_id  INTEGER REFERENCES visits(id),
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX visits_by_time     ON visits (started_at DESC);
      CREATE INDEX visits_by_number   ON visits (customer_number, started_at DESC);
      CREATE INDEX visits_by_status   ON visits (status, started_at DESC);
      CREATE INDEX visits_by_category ON visits (category, started_at DESC);
      CREATE INDEX visits_by_category_status ON visits (category, status, started_at DESC);
      CREATE INDEX visits_by_owner    ON visits (owner, started_at DESC);

      CREATE TABLE visit_audit (
        id        INTEGER PRIMARY KEY,
        visit_id  INTEGER NOT NULL REFERENCES visits(id),
        at        INTEGER NOT NULL,
        actor     TEXT NOT NULL,
        change    TEXT NOT NULL CHECK (json_valid(change))
      ) STRICT;
      CREATE INDEX visit_audit_by_visit ON visit_audit (visit_id, at);

      CREATE TABLE visit_drafts (
        visit_id  INTEGER PRIMARY KEY REFERENCES visits(id),
        fields    TEXT NOT NULL CHECK (json_valid(fields)),
        saved_at  INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE follow_ups (
        id          INTEGER PRIMARY KEY,
        visit_id    INTEGER NOT NULL REFERENCES visits(id),
        rule        TEXT NOT NULL,
        due_at      INTEGER NOT NULL,
        done_at     INTEGER,
        created_at  INTEGER NOT NULL,
        UNIQUE (visit_id, rule)
      ) STRICT;
      CREATE INDEX follow_ups_open ON follow_ups (due_at) WHERE done_at IS NULL;

      CREATE VIRTUAL TABLE visits_fts USING fts5 (tokens, content = '', contentless_delete = 1, tokenize = 'unicode61');
    `);
  },
};
