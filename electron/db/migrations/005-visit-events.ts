import type { Migration } from '../migration.js';

/**
 * Events handed to other departments (事件提交, R-EVENT): what the department must do, by when, and
 * where it stands until the customer has been given the answer.
 */
export const m005VisitEvents: Migration = {
  version: 5,
  name: 'visit-events',
  up(db) {
    db.exec(`
      CREATE TABLE visit_events (
        id           INTEGER PRIMARY KEY,
        visit_id     INTEGER NOT NULL REFERENCES visits(id),
        department   TEXT NOT NULL,
        description  TEXT NOT NULL,
        due_at       INTEGER NOT NULL,
        status       TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'in-progress', 'answered', 'customer-informed')),
        created_by   TEXT NOT NULL,
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX visit_events_by_visit ON visit_events (visit_id);
      CREATE INDEX visit_events_open ON visit_events (due_at) WHERE status <> 'customer-informed';
    `);
  },
};
