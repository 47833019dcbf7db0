import type { Migration } from '../migration.js';

/**
 * Monitoring records (issue 17, R-MONITOR: monitoring is spot-checked): every monitoring leg on
 * both desks — the lead's and the agent's — with its modes over time, start, end and the visit.
 */
export const m020MonitorSessions: Migration = {
  version: 20,
  name: 'monitor-sessions',
  up(db) {
    db.exec(`
      CREATE TABLE monitor_sessions (
        id         INTEGER PRIMARY KEY,
        side       TEXT NOT NULL CHECK (side IN ('lead', 'agent')),
        peer       TEXT NOT NULL,
        peer_name  TEXT,
        modes      TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at   INTEGER,
        visit_id   INTEGER REFERENCES visits (id) ON DELETE SET NULL
      ) STRICT;
      CREATE INDEX monitor_sessions_by_time ON monitor_sessions (started_at);
    `);
  },
};
