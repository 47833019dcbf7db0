import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { AppError, ErrorCode } from '../../shared/result.js';
import type { Migration } from './migration.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index.js';

export type { Db };

export class SchemaTooNewError extends AppError {
  constructor(
    readonly path: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      ErrorCode.Unavailable,
      `database ${path} has schema version ${found}, newer than this Zuoxi supports (${supported}); ` +
        'it was left untouched: update Zuoxi or open another data directory',
    );
    this.name = 'SchemaTooNewError';
  }
}

export interface OpenOptions {
  readonly path: string;
  readonly nativeBinding?: string | undefined;
  /** For read-only tools (zuoxi db info/check): no migration, no writes, the file must exist. */
  readonly readonly?: boolean;
  readonly migrations?: readonly Migration[];
}

/**
 * Opens (creating if needed) and migrates the database. Never called on import.
 * A database written by a newer Zuoxi is refused before anything is written to it
 * (not even the WAL switch, which changes the file header).
 */
export function openDatabase(opts: OpenOptions): Db {
  const migrations = opts.migrations ?? MIGRATIONS;
  const db = new Database(opts.path, {
    readonly: opts.readonly ?? false,
    fileMustExist: opts.readonly ?? false,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  });
  try {
    db.pragma('busy_timeout = 5000');
    const latest = migrations.at(-1)?.version ?? 0;
    const found = schemaVersion(db);
    if (found > latest && !opts.readonly) throw new SchemaTooNewError(opts.path, found, latest);
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      // FULL: each commit is fsynced before it is acknowledged, so what the agent is told is saved
      // (visits, drafts, escalations) survives power loss and an OS crash, not only an app crash
      // (NORMAL in WAL mode may lose the last commits then). Cost: bench:visits, README "Durability".
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrate(db, migrations);
    }
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export const schemaVersion = (db: Db): number => db.pragma('user_version', { simple: true }) as number;

/** Applies every pending migration and the new user_version in one transaction: all or nothing. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const from = schemaVersion(db);
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return from;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${pending.at(-1)!.version}`);
  }).immediate();
  return schemaVersion(db);
}

export { LATEST_SCHEMA_VERSION };
