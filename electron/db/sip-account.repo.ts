import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

export interface SipAccountRow {
  readonly account: unknown;
  readonly instanceId: string;
  readonly passwordEncrypted: Buffer | null;
}

export class SipAccountRepo {
  private readonly select: Statement<[], { account: string; instance_id: string; password_encrypted: Buffer | null }>;
  private readonly upsert: Statement<[string, string, Buffer | null, number]>;

  constructor(db: Db) {
    this.select = db.prepare('SELECT account, instance_id, password_encrypted FROM sip_account WHERE id = 1');
    this.upsert = db.prepare(
      'INSERT INTO sip_account (id, account, instance_id, password_encrypted, updated_at) VALUES (1, ?, ?, ?, ?) ' +
        'ON CONFLICT (id) DO UPDATE SET account = excluded.account, password_encrypted = excluded.password_encrypted, updated_at = excluded.updated_at',
    );
  }

  get(): SipAccountRow | undefined {
    const row = this.select.get();
    return row && { account: JSON.parse(row.account) as unknown, instanceId: row.instance_id, passwordEncrypted: row.password_encrypted };
  }

  /** instance_id is written on the first save only (the upsert does not update it). */
  put(account: unknown, instanceId: string, passwordEncrypted: Buffer | null, now: number): void {
    this.upsert.run(JSON.stringify(account), instanceId, passwordEncrypted, now);
  }
}
