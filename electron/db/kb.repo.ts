import type { Statement } from 'better-sqlite3';
import type { Article, ArticleData } from '../../shared/kb.js';
import { indexPairs, indexText, tokenOf } from '../../shared/text-index.js';
import type { Db } from './database.js';

interface ArticleRow {
  rid: number;
  id: string;
  title: string;
  body: string;
  category: string;
  tags: string;
  similar: string;
  valid_from: number | null;
  valid_until: number | null;
  internal: number;
  updated_by: string;
  updated_at: number;
}

const toArticle = (r: ArticleRow): Article => ({
  id: r.id,
  title: r.title,
  body: r.body,
  category: r.category,
  tags: JSON.parse(r.tags) as string[],
  similar: JSON.parse(r.similar) as string[],
  validFrom: r.valid_from,
  validUntil: r.valid_until,
  internal: r.internal === 1,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

/** A full-text candidate: the article and FTS5's bm25 (lower is better). */
export interface KbCandidate {
  readonly article: Article;
  readonly bm25: number;
}

/** Column weights for bm25: title over similar questions over body. */
/** An article's kb_fts columns; bodies without single characters: half the postings, and single characters only re-rank. */
export const articleTokens = (a: Pick<ArticleData, 'title' | 'tags' | 'similar' | 'body'>) => ({
  title: indexText(a.title, a.tags.join(' ')),
  similar: indexText(...a.similar),
  body: indexPairs(a.body),
});

export const BM25_WEIGHTS = { title: 3, similar: 2, body: 1 } as const;

export class KbRepo {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  private cached(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Inserts or replaces articles by id, index included (call inside a transaction). */
  upsert(article: ArticleData, by: string, at: number): 'added' | 'updated' {
    const existing = this.cached('SELECT rid FROM kb_articles WHERE id = ?').get(article.id) as { rid: number } | undefined;
    const values = [
      article.title,
      article.body,
      article.category,
      JSON.stringify(article.tags),
      JSON.stringify(article.similar),
      article.validFrom,
      article.validUntil,
      article.internal ? 1 : 0,
      by,
      at,
    ];
    let rid: number;
    if (existing) {
      rid = existing.rid;
      this.cached('DELETE FROM kb_fts WHERE rowid = ?').run(rid);
      // its words may have changed: its sentence embedding is made again
      this.cached('DELETE FROM kb_vectors WHERE rid = ?').run(rid);
      this.cached(
        'UPDATE kb_articles SET title = ?, body = ?, category = ?, tags = ?, similar = ?, valid_from = ?, valid_until = ?, internal = ?, updated_by = ?, updated_at = ? WHERE rid = ?',
      ).run(...values, rid);
    } else {
      rid = Number(
        this.cached(
          'INSERT INTO kb_articles (id, title, body, category, tags, similar, valid_from, valid_until, internal, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(article.id, ...values).lastInsertRowid,
      );
    }
    const fts = articleTokens(article);
    this.cached('INSERT INTO kb_fts (rowid, title, similar, body) VALUES (?, ?, ?, ?)').run(rid, fts.title, fts.similar, fts.body);
    return existing ? 'updated' : 'added';
  }

  /** Refreshes the document frequencies from the index (after an import, inside its transaction). */
  refreshFrequencies(): void {
    this.db.exec('DELETE FROM kb_df; INSERT INTO kb_df (term, df) SELECT term, doc FROM kb_terms;');
  }

  get(id: string): Article | undefined {
    const row = this.cached('SELECT * FROM kb_articles WHERE id = ?').get(id) as ArticleRow | undefined;
    return row ? toArticle(row) : undefined;
  }

  /** Titles of articles whose publish window has not begun at `now` (at most 500, soonest first). */
  unreleasedTitles(now: number): string[] {
    return (this.cached('SELECT title FROM kb_articles WHERE valid_from > ? ORDER BY valid_from LIMIT 500').all(now) as { title: string }[]).map((r) => r.title);
  }

  count(): number {
    return (this.cached('SELECT count(*) AS n FROM kb_articles').get() as { n: number }).n;
  }

  *all(): Generator<Article> {
    for (const row of this.cached('SELECT * FROM kb_articles ORDER BY id').iterate()) yield toArticle(row as ArticleRow);
  }

  /** In how many articles a search term occurs (0 when none). */
  documentFrequency(term: string): number {
    const row = this.cached('SELECT df FROM kb_df WHERE term = ?').get(tokenOf(term)) as { df: number } | undefined;
    return row?.df ?? 0;
  }

  /**
   * Articles published at `now` that match any of the terms, best bm25 first. FTS5 ranks and cuts
   * first (the join runs on the `limit` best only); a few extra rows cover unpublished ones.
   */
  candidates(terms: readonly string[], now: number, limit: number): KbCandidate[] {
    if (terms.length === 0) return [];
    const { title, similar, body } = BM25_WEIGHTS;
    const rows = this.cached(
      `SELECT a.*, m.score FROM (SELECT rowid, bm25(kb_fts, ${title}, ${similar}, ${body}) AS score FROM kb_fts WHERE kb_fts MATCH ? ORDER BY score LIMIT ?) m
       JOIN kb_articles a ON a.rid = m.rowid
       WHERE (a.valid_from IS NULL OR a.valid_from <= ?) AND (a.valid_until IS NULL OR ? < a.valid_until)
       ORDER BY m.score LIMIT ?`,
    ).all(terms.map(tokenOf).join(' OR '), limit * 2, now, now, limit) as (ArticleRow & { score: number })[];
    return rows.map((r) => ({ article: toArticle(r), bm25: r.score }));
  }
}
