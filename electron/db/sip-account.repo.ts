import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

export interface SipAccountRow {
  readonly account: unknown;
  readonly passwordEncrypted: Buffer | null;
}

export class SipAccountRepo {
  private readonly select: Statement<[], { account: string; password_encrypted: Buffer | null }>;
  private readonly upsert: Statement<[string, Buffer | null, number]>;

  constructor(db: Db) {
    this.select = db.prepare('SELECT account, password_encrypted FROM sip_account WHERE id = 1');
    this.upsert = db.prepare(
      'INSERT INTO sip_account (id, account, password_encrypted, updated_at) VALUES (1, ?, ?, ?) ' +
        'ON CONFLICT (id) DO UPDATE SET account = excluded.account, password_encrypted = excluded.password_encrypted, updated_at = excluded.updated_at',
    );
  }

  get(): SipAccountRow | undefined {
    const row = this.select.get();
    return row && { account: JSON.parse(row.account) as unknown, passwordEncrypted: row.password_encrypted };
  }

  put(account: unknown, passwordEncrypted: Buffer | null, now: number): void {
    this.upsert.run(JSON.stringify(account), passwordEncrypted, now);
  }
}
