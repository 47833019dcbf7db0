import type { Migration } from '../migration.js';

/**
 * The desk's SIP line (one row). The password is stored encrypted by a SecretStore, never as text.
 * `instance_id` (+sip.instance, RFC 5626) stays the same for the life of the desk so the registrar's
 * GRUU keeps pointing at it across reconnects and restarts.
 */
export const m003SipAccount: Migration = {
  version: 3,
  name: 'sip-account',
  up(db) {
    db.exec(`
      CREATE TABLE sip_account (
        id                 INTEGER PRIMARY KEY CHECK (id = 1),
        account            TEXT NOT NULL CHECK (json_valid(account)),
        instance_id        TEXT NOT NULL,
        password_encrypted BLOB,
        updated_at         INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
