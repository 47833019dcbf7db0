import type { Migration } from '../migration.js';

/**
 * Shift handover log (交接班, R-HANDOVER-20MIN): the outgoing agent lists the open matters, the
 * incoming agent acknowledges each one; both stamped with name and time.
 */
export const m006Handovers: Migration = {
  version: 6,
  name: 'handovers',
  up(db) {
    db.exec(`
      CREATE TABLE handovers (
        id          INTEGER PRIMARY KEY,
        from_agent  TEXT NOT NULL,
        created_at  INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE handover_items (
        id               INTEGER PRIMARY KEY,
        handover_id      INTEGER NOT NULL REFERENCES handovers(id),
        text             TEXT NOT NULL,
        visit_id         INTEGER REFERENCES visits(id),
        acknowledged_by  TEXT,
        acknowledged_at  INTEGER,
        CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL))
      ) STRICT;
      CREATE INDEX handover_items_by_handover ON handover_items (handover_id);
    `);
  },
};
