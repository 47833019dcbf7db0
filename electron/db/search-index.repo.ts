import { TOKENIZER_VERSION } from '../../shared/text-index.js';
import type { Db } from './database.js';
import { articleTokens, KbRepo } from './kb.repo.js';
import { StatementCache } from './statement-cache.js';
import { visitTokens } from './visits.repo.js';

export type SearchIndexName = 'visits' | 'kb';

interface Source {
  /** Rows with a key above `after`, in key order, with what their index row is built from. */
  readonly next: string;
  readonly count: string;
  readonly countDone: string;
  readonly reindex: (sql: StatementCache, row: Record<string, unknown>) => void;
}

const SOURCES: Record<SearchIndexName, Source> = {
  visits: {
    next: 'SELECT id AS key, customer_name, contact, description, resolution, tags FROM visits WHERE id > ? ORDER BY id LIMIT ?',
    count: 'SELECT count(*) AS n FROM visits',
    countDone: 'SELECT count(*) AS n FROM visits WHERE id <= ?',
    reindex: (sql, r) => {
      sql.get('DELETE FROM visits_fts WHERE rowid = ?').run(r['key']);
      const tokens = visitTokens({
        customerName: r['customer_name'] as string,
        contact: r['contact'] as string,
        description: r['description'] as string,
        resolution: r['resolution'] as string,
        tags: JSON.parse(r['tags'] as string) as string[],
      });
      sql.get('INSERT INTO visits_fts (rowid, tokens) VALUES (?, ?)').run(r['key'], tokens);
    },
  },
  kb: {
    next: 'SELECT rid AS key, title, tags, similar, body FROM kb_articles WHERE rid > ? ORDER BY rid LIMIT ?',
    count: 'SELECT count(*) AS n FROM kb_articles',
    countDone: 'SELECT count(*) AS n FROM kb_articles WHERE rid <= ?',
    reindex: (sql, r) => {
      sql.get('DELETE FROM kb_fts WHERE rowid = ?').run(r['key']);
      const fts = articleTokens({ title: r['title'] as string, tags: JSON.parse(r['tags'] as string) as string[], similar: JSON.parse(r['similar'] as string) as string[], body: r['body'] as string });
      sql.get('INSERT INTO kb_fts (rowid, title, similar, body) VALUES (?, ?, ?, ?)').run(r['key'], fts.title, fts.similar, fts.body);
    },
  },
};

/**
 * The free-text indexes and the tokenizer that built them (migration 016). A stale index is rebuilt
 * a chunk of rows at a time, each chunk in its own transaction and remembered (`done_up_to`), so
 * searching and saving go on between chunks, every row stays findable (old tokens until its turn)
 * and a restart continues where it stopped.
 */
export class SearchIndexRepo {
  private readonly sql: StatementCache;

  constructor(private readonly db: Db) {
    this.sql = new StatementCache(db);
  }

  /** Indexes built with an older tokenizer than this Zuoxi's, with how far their rebuild has come. */
  stale(): { name: SearchIndexName; doneUpTo: number }[] {
    return (this.sql.get('SELECT name, done_up_to FROM search_index WHERE tokenizer < ? ORDER BY name DESC').all(TOKENIZER_VERSION) as { name: SearchIndexName; done_up_to: number }[]).map(
      (r) => ({ name: r.name, doneUpTo: r.done_up_to }),
    );
  }

  progress(name: SearchIndexName, doneUpTo: number): { done: number; total: number } {
    const n = (q: string, ...args: number[]) => (this.sql.get(q).get(...args) as { n: number }).n;
    return { done: n(SOURCES[name].countDone, doneUpTo), total: n(SOURCES[name].count) };
  }

  /** Re-indexes the next `limit` rows after `after`; the last key done, or null when the index is complete. */
  step(name: SearchIndexName, after: number, limit: number): number | null {
    const source = SOURCES[name];
    return this.db.transaction(() => {
      const rows = this.sql.get(source.next).all(after, limit) as Record<string, unknown>[];
      for (const r of rows) source.reindex(this.sql, r);
      if (rows.length < limit) {
        if (name === 'kb') new KbRepo(this.db).refreshFrequencies();
        this.sql.get('UPDATE search_index SET tokenizer = ?, done_up_to = 0 WHERE name = ?').run(TOKENIZER_VERSION, name);
        return null;
      }
      const last = rows.at(-1)!['key'] as number;
      this.sql.get('UPDATE search_index SET done_up_to = ? WHERE name = ?').run(last, name);
      return last;
    })();
  }
}
