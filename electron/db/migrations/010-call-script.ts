import type { Migration } from '../migration.js';

/**
 * The per-call script checklist (greeting, waiting when held, understanding confirmed, closing) kept
 * with its visit, one column per item so the weekly report sums them; and every reply the agent
 * recorded or sent despite a high-severity compliance finding, with the reason given, for the lead.
 */
export const m010CallScript: Migration = {
  version: 10,
  name: 'call-script',
  up(db) {
    db.exec(`
      CREATE TABLE visit_checklists (
        visit_id    INTEGER PRIMARY KEY REFERENCES visits(id),
        greeting    INTEGER NOT NULL CHECK (greeting IN (0, 1)),
        waiting     INTEGER CHECK (waiting IN (0, 1)),
        confirmed   INTEGER NOT NULL CHECK (confirmed IN (0, 1)),
        closing     INTEGER NOT NULL CHECK (closing IN (0, 1)),
        updated_at  INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE compliance_overrides (
        id        INTEGER PRIMARY KEY,
        visit_id  INTEGER REFERENCES visits(id),
        at        INTEGER NOT NULL,
        agent     TEXT NOT NULL,
        field     TEXT NOT NULL,
        findings  TEXT NOT NULL,
        reason    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX compliance_overrides_by_visit ON compliance_overrides (visit_id, at);
      CREATE INDEX compliance_overrides_by_time ON compliance_overrides (at);
    `);
  },
};
