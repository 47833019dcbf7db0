import type { Migration } from '../migration.js';

/**
 * Deadlines of visits (shared/deadlines.ts): one clock per visit, rule and subject (a department
 * event's id, else 0), stored as absolute timestamps so a restart resumes every clock where it was.
 * `due_at` is the engine's due instant, kept for ordering while the clock runs (null when paused or
 * done). Replaces follow_ups (migration 004): its rows become follow-up, complaint-resolve and
 * next-day clocks, and the open department events become department-event clocks.
 */
export const m013Deadlines: Migration = {
  version: 13,
  name: 'deadlines',
  up(db) {
    db.exec(`
      CREATE TABLE deadlines (
        id                 INTEGER PRIMARY KEY,
        visit_id           INTEGER NOT NULL REFERENCES visits(id),
        clock              TEXT NOT NULL,
        subject            INTEGER NOT NULL DEFAULT 0,
        started_at         INTEGER NOT NULL,
        duration_ms        INTEGER NOT NULL CHECK (duration_ms >= 0),
        business_hours     INTEGER NOT NULL CHECK (business_hours IN (0, 1)),
        paused_at          INTEGER,
        paused_ms          INTEGER NOT NULL DEFAULT 0,
        done_at            INTEGER,
        due_at             INTEGER,
        soon_alerted_at    INTEGER,
        breach_alerted_at  INTEGER,
        created_at         INTEGER NOT NULL,
        UNIQUE (visit_id, clock, subject)
      ) STRICT;
      CREATE INDEX deadlines_running ON deadlines (due_at) WHERE done_at IS NULL;

      INSERT INTO deadlines (id, visit_id, clock, started_at, duration_ms, business_hours, done_at, due_at, created_at)
      SELECT id, visit_id,
             CASE rule WHEN 'R-FOLLOWUP-7D' THEN 'follow-up' WHEN 'R-COMPLAINT-12-48' THEN 'complaint-resolve' ELSE 'next-day' END,
             started_at, max(0, due_at - started_at), 0, done_at, CASE WHEN done_at IS NULL THEN due_at END, created_at
      FROM (SELECT f.*, CASE WHEN f.rule = 'R-NEXT-DAY' THEN f.created_at ELSE v.started_at END AS started_at
            FROM follow_ups f JOIN visits v ON v.id = f.visit_id);

      INSERT INTO deadlines (visit_id, clock, subject, started_at, duration_ms, business_hours, due_at, created_at)
      SELECT visit_id, 'department-event', id, created_at, max(0, due_at - created_at), 0, due_at, created_at
      FROM visit_events WHERE status <> 'customer-informed';

      DROP TABLE follow_ups;
    `);
  },
};
