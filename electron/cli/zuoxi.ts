/**
 * `zuoxi`: headless work on the same services as the app.
 *
 *   zuoxi db init  [--data-dir DIR]            create (or migrate) the database and seed the defaults
 *   zuoxi db info  [--data-dir DIR] [--json]   path, schema version, row counts
 *   zuoxi db check [--data-dir DIR]            SQLite integrity_check (exit 1 when damaged)
 *   zuoxi visits export --from DATE --to DATE --format csv|xlsx --out FILE [--data-dir DIR]
 *   zuoxi kb import|export|search|eval …       (kb-commands.ts)
 *   zuoxi team status|create|request|add|…     (team-commands.ts)
 *   zuoxi compliance eval FILE                 (compliance-commands.ts)
 *
 * Bad arguments print the usage and exit 2. Later features add command groups here.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkIntegrity, describeDatabase } from '../db/maintenance.js';
import { SettingsRepo } from '../db/settings.repo.js';
import { visitStores } from '../db/visit-stores.js';
import { checkoutPaths } from '../services/app-paths.js';
import { defaultDataDir } from '../services/paths.js';
import { loadDefaultSettings, SettingsService } from '../services/settings.service.js';
import { DeadlinesService } from '../services/deadlines.service.js';
import { DeadlinesRepo } from '../db/deadlines.repo.js';
import { VisitsService } from '../services/visits.service.js';
import { COMPLIANCE_USAGE, runCompliance } from './compliance-commands.js';
import { KB_USAGE, runKb } from './kb-commands.js';
import { TEAM_USAGE, runTeam } from './team-commands.js';
import { openForCli } from './open-db.js';

export const USAGE = `usage: zuoxi <command> [options]

commands:
  db init  [--data-dir DIR]            create the data folder and database (or migrate it) with the defaults
  db info  [--data-dir DIR] [--json]   show the database path, schema version and row counts
  db check [--data-dir DIR]            run SQLite's integrity check (exit 1 if it finds damage)
  visits export --from YYYY-MM-DD --to YYYY-MM-DD --format csv|xlsx --out FILE
                                       visits started on those days (local time, both included),
                                       as CSV (UTF-8 with BOM) or XLSX, Chinese column headers
${KB_USAGE}
${TEAM_USAGE}
${COMPLIANCE_USAGE}

options:
  --data-dir DIR   the data folder (default: ${defaultDataDir()})
  --help           this text`;

/** What a command group (kb, team) gets: its command, operands, the data folder and the common options. */
export interface GroupArgs {
  readonly command: string;
  readonly operands: readonly string[];
  readonly dataDir: string;
  readonly json?: boolean | undefined;
  readonly out?: string | undefined;
}

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Runs one command; returns the process exit code (0 ok, 1 failure, 2 usage). */
export function runCli(argv: readonly string[], io: CliIo): number {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    io.err(`zuoxi: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const [group, command, ...extra] = positionals;
  if (group === 'kb' || group === 'team' || group === 'compliance') {
    const run = group === 'kb' ? runKb : group === 'team' ? runTeam : runCompliance;
    const code = run({ command: command ?? '', operands: extra, dataDir: values['data-dir'] ?? defaultDataDir(), ...values }, io);
    if (typeof code === 'number') return code;
    io.err(`zuoxi: ${code.usage}\n\n${USAGE}`);
    return 2;
  }
  const known = (group === 'db' && (command === 'init' || command === 'info' || command === 'check')) || (group === 'visits' && command === 'export');
  if (!known || extra.length > 0) {
    io.err(`zuoxi: unknown command '${positionals.join(' ')}'\n\n${USAGE}`);
    return 2;
  }
  let period: { from: number; to: number; format: 'csv' | 'xlsx'; out: string } | undefined;
  if (group === 'visits') {
    const day = (s: string | undefined) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00`).getTime() : NaN);
    const from = day(values.from);
    const to = day(values.to) + 86_400_000;
    const format = values.format;
    if (Number.isNaN(from) || Number.isNaN(to) || to <= from || (format !== 'csv' && format !== 'xlsx') || !values.out) {
      io.err(`zuoxi: visits export needs --from and --to (YYYY-MM-DD, from <= to), --format csv|xlsx and --out FILE\n\n${USAGE}`);
      return 2;
    }
    period = { from, to, format, out: values.out };
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  // exports write the desk log (who took customer data out, and when): a writing command
  const db = openForCli(dataDir, command === 'init' || period ? 'write' : 'read', io);
  if (!db) return 1;
  const path = db.name;
  try {
    if (command === 'init') {
      io.out(`ready: ${path} (schema version ${describeDatabase(db).schemaVersion})`);
      return 0;
    }
    if (period) {
      const paths = checkoutPaths(__dirname);
      const settings = new SettingsService(new SettingsRepo(db), loadDefaultSettings(paths.resourcesDir));
      const visits = new VisitsService(visitStores(db), settings, () => 'cli', new DeadlinesService(new DeadlinesRepo(db), settings));
      writeFileSync(period.out, visits.export(period.from, period.to, period.format).bytes);
      io.out(`wrote ${period.out}`);
      return 0;
    }
    if (command === 'info') {
      const report = describeDatabase(db);
      if (values.json) {
        io.out(JSON.stringify(report, null, 2));
      } else {
        io.out(`path:           ${report.path}`);
        io.out(`schema version: ${report.schemaVersion} (this Zuoxi supports ${report.supportedSchemaVersion})`);
        io.out(`size:           ${report.sizeBytes} bytes`);
        for (const t of report.tables) io.out(`  ${t.name.padEnd(24)} ${t.rows} rows`);
      }
      return 0;
    }
    const integrity = checkIntegrity(db);
    if (integrity.ok) {
      io.out(`ok: ${path}`);
      return 0;
    }
    io.err(`damaged: ${path}`);
    for (const p of integrity.problems) io.err(`  ${p}`);
    return 1;
  } finally {
    db.close();
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      limit: { type: 'string' },
      batch: { type: 'boolean' },
      corpus: { type: 'string' },
      queries: { type: 'string' },
      team: { type: 'string' },
      in: { type: 'string' },
      company: { type: 'string' },
      user: { type: 'string' },
      name: { type: 'string' },
      'staff-no': { type: 'string' },
      role: { type: 'string' },
      leads: { type: 'string' },
      policy: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
}
