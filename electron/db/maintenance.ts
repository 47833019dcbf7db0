import type { Db } from './database.js';
import { schemaVersion } from './database.js';
import { LATEST_SCHEMA_VERSION } from './migrations/index.js';

export interface DatabaseReport {
  readonly path: string;
  readonly schemaVersion: number;
  readonly supportedSchemaVersion: number;
  readonly sizeBytes: number;
  readonly tables: readonly { readonly name: string; readonly rows: number }[];
}

/** Path, schema version and row counts of the ordinary tables (not FTS internals), for `zuoxi db info` and the about page. */
export function describeDatabase(db: Db): DatabaseReport {
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map(({ name }) => ({
      name,
      rows: (db.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as { n: number }).n,
    }));
  const pageCount = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return {
    path: db.name,
    schemaVersion: schemaVersion(db),
    supportedSchemaVersion: LATEST_SCHEMA_VERSION,
    sizeBytes: pageCount * pageSize,
    tables,
  };
}

/**
 * SQLite's integrity_check. A badly damaged file can make the check itself fail
 * ("database disk image is malformed"): that is reported as a problem, not thrown.
 */
export function checkIntegrity(db: Db): { readonly ok: boolean; readonly problems: readonly string[] } {
  let messages: string[];
  try {
    messages = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  } catch (e) {
    messages = [e instanceof Error ? e.message : String(e)];
  }
  const ok = messages.length === 1 && messages[0] === 'ok';
  return { ok, problems: ok ? [] : messages };
}
