/**
 * `zuoxi kb …`: import, export, search (one query, or a batch from stdin) and evaluate the
 * knowledge base on the same service as the app.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Db } from '../db/database.js';
import { KbRepo } from '../db/kb.repo.js';
import { SettingsRepo } from '../db/settings.repo.js';
import { checkoutPaths } from '../services/app-paths.js';
import { evaluate } from '../services/kb-eval.js';
import { KbService } from '../services/kb.service.js';
import { loadDefaultSettings, SettingsService } from '../services/settings.service.js';
import { withCliDb } from './open-db.js';
import type { CliIo, GroupArgs } from './zuoxi.js';

export const KB_USAGE = `  kb import PATH                       add or update articles (by id) from a .jsonl, .csv (UTF-8 or GB18030),
                                       .md file or a folder of them; all or nothing: a bad line is reported
                                       with file and line and nothing changes
  kb export [--out FILE]               every article as JSON Lines (stdout without --out)
  kb search QUERY [--limit N] [--json] the best published articles for QUERY
  kb search --batch [--limit N]        one query per stdin line → one JSON array of ids per line
  kb eval --corpus FILE --queries FILE R@1, R@5, MRR@10 and latency on a labelled set, in a temporary database`;

export interface KbArgs extends GroupArgs {
  readonly limit?: string | undefined;
  readonly batch?: boolean | undefined;
  readonly corpus?: string | undefined;
  readonly queries?: string | undefined;
  /** stdin, for the batch mode (read whole: evaluation scripts pipe a file). */
  readonly stdin?: () => string;
}

/** Returns the exit code, or a usage message (exit 2) for bad arguments. */
export function runKb(args: KbArgs, io: CliIo): number | { usage: string } {
  const limit = args.limit === undefined ? 10 : Number(args.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) return { usage: '--limit must be 1 to 50' };
  if (args.command === 'eval') {
    if (!args.corpus || !args.queries || args.operands.length > 0) return { usage: 'kb eval needs --corpus FILE and --queries FILE' };
    const synonyms = defaultSettings().kbSynonyms;
    io.out(JSON.stringify(evaluate(args.corpus, args.queries, { synonyms: () => synonyms })));
    return 0;
  }
  const expected = { import: 1, export: 0, search: args.batch ? 0 : 1 }[args.command];
  if (expected === undefined) return { usage: `unknown command 'kb ${args.command}'` };
  if (args.operands.length !== expected) return { usage: `kb ${args.command}: ${expected === 1 ? 'one argument' : 'no arguments'} expected` };
  // import writes (creating the database on a new site); export and search only read
  return withCliDb(args.dataDir, args.command === 'import' ? 'write' : 'read', io, (db) => {
    const kb = kbService(db);
    if (args.command === 'import') {
      const summary = kb.importPath(args.operands[0]!, (done, total) => io.err(`imported ${done}/${total}`));
      io.out(`added ${summary.added}, updated ${summary.updated}; ${summary.total} articles in the knowledge base`);
    } else if (args.command === 'export') {
      const lines = [...kb.exportAll()].map(({ updatedAt: _u, updatedBy: _b, ...a }) => JSON.stringify(a));
      if (args.out) writeFileSync(args.out, lines.map((l) => `${l}\n`).join(''));
      else lines.forEach((l) => io.out(l));
    } else if (args.batch) {
      for (const q of (args.stdin ?? (() => readFileSync(0, 'utf8')))().split(/\r?\n/)) {
        if (q.trim()) io.out(JSON.stringify(kb.search(q, limit).map((h) => h.id)));
      }
    } else {
      const hits = kb.search(args.operands[0]!, limit);
      if (args.json) io.out(JSON.stringify(hits, null, 2));
      else hits.forEach((h, i) => io.out(`${String(i + 1).padStart(2)}. [${h.id}] ${h.title}${h.category ? `  (${h.category})` : ''}`));
    }
  });
}

const defaultSettings = () => loadDefaultSettings(checkoutPaths(__dirname).resourcesDir);

function kbService(db: Db): KbService {
  const settings = new SettingsService(new SettingsRepo(db), defaultSettings());
  const synonyms = settings.get().kbSynonyms;
  return new KbService(new KbRepo(db), { agent: () => 'cli', synonyms: () => synonyms });
}
