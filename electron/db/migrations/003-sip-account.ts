import type { Migration } from '../migration.js';

/** The desk's SIP line (one row). The password is stored encrypted by a SecretStore, never as text. */
export const m003SipAccount: Migration = {
  version: 3,
  name: 'sip-account',
  up(db) {
    db.exec(`
      CREATE TABLE sip_account (
        id                 INTEGER PRIMARY KEY CHECK (id = 1),
        account            TEXT NOT NULL CHECK (json_valid(account)),
        password_encrypted BLOB,
        updated_at         INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
