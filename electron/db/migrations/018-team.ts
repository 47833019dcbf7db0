import type { Migration } from '../migration.js';

/**
 * The team (issue 16): this desk's Ed25519 identity (private key sealed by the secret store), the
 * signed directory it holds with the admin key it pinned, and the nonces of team messages seen
 * inside the replay window.
 */
export const m018Team: Migration = {
  version: 18,
  name: 'team',
  up(db) {
    db.exec(`
      CREATE TABLE team_identity (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        public_key  TEXT NOT NULL,
        private_key BLOB NOT NULL,
        created_at  INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE team_directory (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        admin_key   TEXT NOT NULL,
        version     INTEGER NOT NULL,
        body        TEXT NOT NULL,
        sig         TEXT NOT NULL,
        received_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE team_nonces (
        sender TEXT NOT NULL,
        nonce  TEXT NOT NULL,
        at     INTEGER NOT NULL,
        PRIMARY KEY (sender, nonce)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX team_nonces_by_time ON team_nonces (at);
    `);
  },
};
