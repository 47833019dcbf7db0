import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

/** Raw key → JSON text storage; validation lives in the settings service. */
export class SettingsRepo {
  private readonly selectAll: Statement<[], { key: string; value: string }>;
  private readonly upsert: Statement<[string, string, number]>;
  private readonly insertIfMissing: Statement<[string, string, number]>;

  constructor(private readonly db: Db) {
    this.selectAll = db.prepare('SELECT key, value FROM settings');
    this.upsert = db.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ' +
        'ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    this.insertIfMissing = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING');
  }

  /** Changes whenever another connection (another process: the CLI) commits to the database file. */
  othersVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  all(): Map<string, unknown> {
    return new Map(this.selectAll.all().map((r) => [r.key, JSON.parse(r.value) as unknown]));
  }

  /** Writes every entry in one transaction. */
  put(entries: Readonly<Record<string, unknown>>, now: number): void {
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(entries)) this.upsert.run(key, JSON.stringify(value), now);
    })();
  }

  /** Seeds defaults without overwriting anything the user already set. Returns how many were added. */
  seed(entries: Readonly<Record<string, unknown>>, now: number): number {
    return this.db.transaction(() => {
      let added = 0;
      for (const [key, value] of Object.entries(entries)) added += this.insertIfMissing.run(key, JSON.stringify(value), now).changes;
      return added;
    })();
  }
}
