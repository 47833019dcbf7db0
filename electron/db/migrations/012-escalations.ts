import type { Migration } from '../migration.js';

/**
 * Escalations to the team lead, on both desks: 'out' on the agent's (queued until a lead's desk
 * answers 200, then delivered, acknowledged, resolved), 'in' on the lead's (the inbox). The payload is
 * the versioned JSON that travelled in the SIP MESSAGE. Refused team messages are logged with why.
 */
export const m012Escalations: Migration = {
  version: 12,
  name: 'escalations',
  up(db) {
    db.exec(`
      CREATE TABLE escalations (
        id               TEXT PRIMARY KEY,
        direction        TEXT NOT NULL CHECK (direction IN ('out', 'in')),
        payload          TEXT NOT NULL,
        urgency          INTEGER NOT NULL,
        status           TEXT NOT NULL CHECK (status IN ('queued', 'delivered', 'acknowledged', 'resolved')),
        peer             TEXT NOT NULL,
        attempts         INTEGER NOT NULL DEFAULT 0,
        created_at       INTEGER NOT NULL,
        delivered_at     INTEGER,
        acknowledged_at  INTEGER,
        resolved_at      INTEGER,
        lead_note        TEXT NOT NULL DEFAULT '',
        updated_at       INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX escalations_by_status ON escalations (direction, status, urgency DESC, created_at);
      CREATE TABLE message_refusals (
        id         INTEGER PRIMARY KEY,
        at         INTEGER NOT NULL,
        from_user  TEXT NOT NULL,
        code       INTEGER NOT NULL,
        reason     TEXT NOT NULL
      ) STRICT;
    `);
  },
};
