import { MESSAGE_WINDOW_MS, type NonceClaims, type Signed } from '../../shared/team.js';
import type { Db } from './database.js';

export interface StoredIdentity {
  readonly publicKey: string;
  /** Sealed by the secret store. */
  readonly sealedPrivateKey: Buffer;
}

export interface StoredDirectory {
  readonly adminKey: string;
  readonly version: number;
  readonly signed: Signed;
  readonly receivedAt: number;
}

/** The team tables (migration 018): one identity, one directory, the nonces inside the window. */
export class TeamRepo implements NonceClaims {
  private readonly readIdentity;
  private readonly writeIdentity;
  private readonly readDirectory;
  private readonly writeDirectory;
  private readonly insertNonce;
  private readonly pruneNonces;

  constructor(private readonly db: Db) {
    this.readIdentity = db.prepare<[], { public_key: string; private_key: Buffer }>('SELECT public_key, private_key FROM team_identity WHERE id = 1');
    this.writeIdentity = db.prepare<[string, Buffer, number]>('INSERT INTO team_identity (id, public_key, private_key, created_at) VALUES (1, ?, ?, ?)');
    this.readDirectory = db.prepare<[], { admin_key: string; version: number; body: string; sig: string; received_at: number }>('SELECT * FROM team_directory WHERE id = 1');
    this.writeDirectory = db.prepare<[string, number, string, string, number]>(
      `INSERT INTO team_directory (id, admin_key, version, body, sig, received_at) VALUES (1, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET admin_key = excluded.admin_key, version = excluded.version, body = excluded.body, sig = excluded.sig, received_at = excluded.received_at`,
    );
    this.insertNonce = db.prepare<[string, string, number]>('INSERT OR IGNORE INTO team_nonces (sender, nonce, at) VALUES (?, ?, ?)');
    this.pruneNonces = db.prepare<[number]>('DELETE FROM team_nonces WHERE at < ?');
  }

  identity(): StoredIdentity | null {
    const row = this.readIdentity.get();
    return row ? { publicKey: row.public_key, sealedPrivateKey: row.private_key } : null;
  }

  /** Keeps the first identity made (false if one already existed: a desk has one key pair). */
  saveIdentity(publicKey: string, sealedPrivateKey: Buffer, at: number): boolean {
    return this.db.transaction(() => (this.readIdentity.get() ? false : (this.writeIdentity.run(publicKey, sealedPrivateKey, at), true)))();
  }

  directory(): StoredDirectory | null {
    const row = this.readDirectory.get();
    return row ? { adminKey: row.admin_key, version: row.version, signed: { body: row.body, sig: row.sig }, receivedAt: row.received_at } : null;
  }

  saveDirectory(adminKey: string, version: number, signed: Signed, at: number): void {
    this.writeDirectory.run(adminKey, version, signed.body, signed.sig, at);
  }

  claim(from: string, nonce: string, at: number, now: number): boolean {
    this.pruneNonces.run(now - 2 * MESSAGE_WINDOW_MS);
    return this.insertNonce.run(from, nonce, at).changes === 1;
  }
}
