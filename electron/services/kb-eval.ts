/**
 * Search quality and speed on a labelled set (`zuoxi kb eval`, `npm run bench:kb`): the corpus is
 * imported into a throw-away database, every query is searched, and Recall@1, Recall@5, MRR@10 and
 * latency percentiles are computed. Queries are JSON Lines `{"q": "...", "relevant": ["id", ...]}`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { openDatabase } from '../db/database.js';
import { searchTerms } from '../../shared/text-index.js';
import { KbRepo } from '../db/kb.repo.js';
import { KbService, type KbOptions } from './kb.service.js';

const QuerySchema = z.object({ q: z.string(), relevant: z.array(z.string()).min(1) });

export interface EvalResult {
  readonly queries: number;
  readonly articles: number;
  readonly importMs: number;
  readonly recallAt1: number;
  readonly recallAt5: number;
  readonly mrrAt10: number;
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly p99: number; readonly max: number };
}

export const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

export function readQueries(path: string): z.infer<typeof QuerySchema>[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l, i) => {
      const parsed = QuerySchema.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${path}:${i + 1}: not a {"q", "relevant"} line`);
      return parsed.data;
    });
}

/** Scores ranked id lists against the relevant ids. */
export function score(results: readonly (readonly string[])[], relevant: readonly (readonly string[])[]) {
  let r1 = 0;
  let r5 = 0;
  let mrr = 0;
  results.forEach((ids, i) => {
    const rank = ids.slice(0, 10).findIndex((id) => relevant[i]!.includes(id));
    if (rank === 0) r1++;
    if (rank >= 0 && rank < 5) r5++;
    if (rank >= 0) mrr += 1 / (rank + 1);
  });
  const n = Math.max(1, results.length);
  const round = (x: number) => +(x / n).toFixed(4);
  return { recallAt1: round(r1), recallAt5: round(r5), mrrAt10: round(mrr) };
}

/**
 * `product`: the app's own search. `plain`: the plain method the ranker must never lose to
 * (issue 19), on the same index: FTS5 bm25 over the query's character pairs OR-ed (its single
 * characters when it has none), title weighted over similar questions over body, top 10.
 */
export type EvalMethod = 'product' | 'plain';

export function evaluate(corpusPath: string, queriesPath: string, options: Partial<KbOptions> = {}, method: EvalMethod = 'product'): EvalResult {
  const dir = mkdtempSync(join(tmpdir(), 'zuoxi-kb-eval-'));
  const db = openDatabase({ path: join(dir, 'eval.sqlite3') });
  try {
    const repo = new KbRepo(db);
    const kb = new KbService(repo, { agent: () => 'eval', ...options });
    const plain = (q: string) => {
      const terms = searchTerms(q);
      const pairs = terms.filter((t) => Array.from(t).length > 1);
      return repo.candidates(pairs.length > 0 ? pairs : terms, Date.now(), 10).map((c) => c.article.id);
    };
    const t0 = performance.now();
    const { total } = kb.importPath(corpusPath);
    const importMs = performance.now() - t0;
    const queries = readQueries(queriesPath);
    const latencies: number[] = [];
    const results = queries.map(({ q }) => {
      const start = performance.now();
      const ids = method === 'plain' ? plain(q) : kb.search(q, 10).map((h) => h.id);
      latencies.push(performance.now() - start);
      return ids;
    });
    latencies.sort((a, b) => a - b);
    const ms = (x: number) => +x.toFixed(2);
    return {
      queries: queries.length,
      articles: total,
      importMs: Math.round(importMs),
      ...score(
        results,
        queries.map((q) => q.relevant),
      ),
      latencyMs: { p50: ms(percentile(latencies, 50)), p95: ms(percentile(latencies, 95)), p99: ms(percentile(latencies, 99)), max: ms(latencies.at(-1) ?? 0) },
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
