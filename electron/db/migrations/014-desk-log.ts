import type { Migration } from '../migration.js';

/**
 * The desk's own audit log, for what is not one visit's history: refused REFERs (the call
 * policy), exports of customer data (who, when, which period) and retention runs.
 */
export const m014DeskLog: Migration = {
  version: 14,
  name: 'desk-log',
  up(db) {
    db.exec(`
      CREATE TABLE desk_log (
        id      INTEGER PRIMARY KEY,
        at      INTEGER NOT NULL,
        actor   TEXT NOT NULL,
        kind    TEXT NOT NULL,
        detail  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX desk_log_by_kind ON desk_log (kind, at);
    `);
  },
};
