import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db/database.js';
import { SettingsRepo } from '../db/settings.repo.js';
import { checkoutPaths } from '../services/app-paths.js';
import { DATABASE_FILE } from '../services/paths.js';
import { loadDefaultSettings, SettingsService } from '../services/settings.service.js';
import type { CliIo } from './zuoxi.js';

/**
 * The database for a CLI command. A command that writes creates the data folder and the database
 * if needed, migrates it and seeds the defaults, as the app's first start does (so a new site can
 * load its knowledge base before anyone opens a desk); a read-only one needs an existing database
 * and opens it without writing. Null (after saying why) when it cannot be opened.
 */
export function openForCli(dataDir: string, mode: 'read' | 'write', io: CliIo): Db | null {
  const path = join(dataDir, DATABASE_FILE);
  if (mode === 'read' && !existsSync(path)) {
    io.err(`zuoxi: no database at ${path} (run \`zuoxi db init\` or start Zuoxi once, or pass --data-dir)`);
    return null;
  }
  try {
    if (mode === 'read') return openDatabase({ path, readonly: true });
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const db = openDatabase({ path });
    new SettingsService(new SettingsRepo(db), loadDefaultSettings(checkoutPaths(__dirname).resourcesDir)).seedDefaults();
    return db;
  } catch (e) {
    io.err(`zuoxi: cannot open ${path}: ${(e as Error).message}`);
    return null;
  }
}

/**
 * Runs one command's work on the database: opened as `mode`, closed afterwards whatever happens; a
 * failure is said on stderr (exit 1). Returns the exit code.
 */
export function withCliDb(dataDir: string, mode: 'read' | 'write', io: CliIo, work: (db: Db) => void): number {
  const db = openForCli(dataDir, mode, io);
  if (!db) return 1;
  try {
    work(db);
    return 0;
  } catch (e) {
    io.err(`zuoxi: ${(e as Error).message}`);
    return 1;
  } finally {
    db.close();
  }
}
