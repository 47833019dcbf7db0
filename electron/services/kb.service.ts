import { isPublished, type Article, type ArticleData, type ImportSummary, type KbHit } from '../../shared/kb.js';
import { bm25Idf, DEFAULT_WEIGHTS, letters, plainShare, rank, type RankWeights } from '../../shared/kb-rank.js';
import { highlight, markdownToText } from '../../shared/kb-snippet.js';
import { AppError, ErrorCode } from '../../shared/result.js';
import { searchTerms } from '../../shared/text-index.js';
import type { KbRepo } from '../db/kb.repo.js';
import { parseArticles, readArticles, type ImportFile, type ParsedArticles } from './kb-import.js';
import type { KbVectorsRepo } from '../db/kb-vectors.repo.js';
import { cosine } from './kb-semantic.js';

export const RARE_TERMS = 12;
export const CANDIDATES = 50;
/** At most this many index rows are matched to find candidates (the first, rarest term always is). */
export const POSTINGS_BUDGET = 1500;
/**
 * The plain list (issue 19): its length, and its terms: the query's pairs rarest first, none in
 * more than a tenth of the articles (they tell little), as many as fit a budget of index rows.
 */
export const PLAIN_TOP = 20;
export const PLAIN_MAX_SHARE = 0.1;
export const PLAIN_POSTINGS_BUDGET = 6_000;

export interface KbOptions {
  readonly agent: () => string;
  readonly now?: () => number;
  /** Synonym groups (settings): a word of a group also searches for the others. */
  readonly synonyms?: () => readonly (readonly string[])[];
  readonly weights?: RankWeights;
  /** How many of the query's rarest terms go to FTS5, how many candidates are re-ranked. */
  readonly rareTerms?: number;
  readonly candidates?: number;
  /** Articles' sentence embeddings, for the semantic signal (kb-semantic.ts). */
  readonly vectors?: KbVectorsRepo;
}

/**
 * Knowledge base: all-or-nothing imports, and search that works for Chinese (see shared/kb-rank.ts).
 * Only articles inside their publish window are ever returned to agents.
 */
export class KbService {
  private df = new Map<string, number>();
  private documents = -1;

  constructor(
    private readonly repo: KbRepo,
    private readonly options: KbOptions,
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Imports a file or folder; on any bad record nothing is changed and the problems are reported. */
  importPath(path: string, onProgress?: (done: number, total: number) => void): ImportSummary {
    return this.importParsed(readArticles(path), onProgress);
  }

  /** Imports files sent by the app's import dialog, on the same all-or-nothing terms. */
  count(): number {
    return this.repo.count();
  }

  importFiles(files: readonly ImportFile[]): ImportSummary {
    return this.importParsed(parseArticles(files));
  }

  private importParsed({ articles, problems }: ParsedArticles, onProgress?: (done: number, total: number) => void): ImportSummary {
    if (problems.length > 0) {
      const list = problems.map((p) => `${p.file}:${p.line}: ${p.reason}`);
      throw new AppError(ErrorCode.BadArguments, `import refused, nothing changed:\n${list.join('\n')}`, Object.fromEntries(list.map((l, i) => [`problem${i + 1}`, l])));
    }
    return this.importArticles(articles, onProgress);
  }

  /** Adds or updates (by id) every article in one transaction. */
  importArticles(articles: readonly ArticleData[], onProgress?: (done: number, total: number) => void): ImportSummary {
    const by = this.options.agent();
    const at = this.now();
    let added = 0;
    let updated = 0;
    this.repo.transaction(() => {
      articles.forEach((a, i) => {
        if (this.repo.upsert(a, by, at) === 'added') added++;
        else updated++;
        if (onProgress && (i % 1000 === 999 || i === articles.length - 1)) onProgress(i + 1, articles.length);
      });
      this.repo.refreshFrequencies();
    });
    this.df.clear();
    this.documents = -1;
    return { added, updated, total: this.repo.count() };
  }

  /** A published article (unpublished and expired ones are not found). */
  get(id: string): Article {
    const article = this.repo.get(id);
    if (!article || !isPublished(article, this.now())) throw new AppError(ErrorCode.NotFound, `no published article ${id}`);
    return article;
  }

  /** What a published article tells a customer, as plain text for a chat reply; an internal-only one is refused. */
  customerText(id: string): string {
    const article = this.get(id);
    if (article.internal) throw new AppError(ErrorCode.Forbidden, `article ${id} is internal-only: never sent to a customer`);
    return markdownToText(article.body) || article.title;
  }

  /** Articles not published yet, by title: the compliance checker flags them (R-NO-UNRELEASED). */
  unreleasedTitles(): string[] {
    return this.repo.unreleasedTitles(this.now());
  }

  *exportAll(): Generator<Article> {
    yield* this.repo.all();
  }

  /**
   * The best published articles for free text; any input is safe (it never reaches FTS5 as syntax).
   * `semantic`: the query's embedding by a company's model (kb-semantic.ts), whose cosine order of
   * the candidates joins the fusion.
   */
  search(query: string, limit = 10, semantic?: { readonly model: string; readonly vector: Float32Array } | null): KbHit[] {
    const terms = this.queryTerms(query);
    const idf = (t: string) => bm25Idf(this.documentCount(), this.frequency(t));
    const known = terms.filter((t) => this.frequency(t) > 0);
    // the rarest terms find the candidates, as many as fit a budget of postings (FTS5 scores every
    // row an OR matches, so common terms would cost the most and tell the least); all terms re-rank
    const rare: string[] = [];
    let postings = 0;
    for (const t of [...known].sort((a, b) => this.frequency(a) - this.frequency(b))) {
      if (rare.length >= (this.options.rareTerms ?? RARE_TERMS) || (rare.length > 0 && postings + this.frequency(t) > POSTINGS_BUDGET)) break;
      rare.push(t);
      postings += this.frequency(t);
    }
    const candidates = this.repo.candidates(rare, this.now(), this.options.candidates ?? CANDIDATES);
    // the plain list (the plain method's ranking) joins the candidates and is fused with the signals;
    // a short question gives it no share (plainShare), so it is not looked up at all
    const weights = this.options.weights ?? DEFAULT_WEIGHTS;
    const plain = plainShare(letters(query).length, weights) > 0 ? this.repo.candidates(this.plainTerms(known), this.now(), PLAIN_TOP) : [];
    const plainRank = new Map(plain.map((c, i) => [c.article.id, i]));
    const pool = new Map(candidates.map((c) => [c.article.id, c]));
    for (const c of plain) if (!pool.has(c.article.id)) pool.set(c.article.id, { article: c.article, bm25: 0 });
    const semanticRank = this.semanticRanks([...pool.keys()], semantic);
    const ranked = rank(
      query,
      known,
      [...pool.values()].map((c) => ({
        item: c.article,
        questions: [c.article.title, ...c.article.similar],
        body: c.article.body,
        bm25: c.bm25,
        plainRank: plainRank.get(c.article.id) ?? null,
        semanticRank: semanticRank.get(c.article.id) ?? null,
      })),
      idf,
      weights,
    );
    return ranked.slice(0, limit).map(({ item: a, score }) => ({
      id: a.id,
      title: a.title,
      titleHtml: highlight(a.title, terms, 200),
      snippetHtml: highlight(markdownToText(a.body) || a.similar.join('；'), terms),
      category: a.category,
      internal: a.internal,
      score: +score.toFixed(4),
    }));
  }

  /** The candidates' places by cosine to the query's embedding (those with a vector of its model). */
  private semanticRanks(ids: readonly string[], semantic: { readonly model: string; readonly vector: Float32Array } | null | undefined): Map<string, number> {
    if (!semantic || !this.options.vectors) return new Map();
    const vectors = this.options.vectors.forArticles(semantic.model, ids);
    const order = [...vectors].map(([id, v]) => ({ id, cos: cosine(v, semantic.vector) })).sort((a, b) => b.cos - a.cos);
    return new Map(order.map((o, i) => [o.id, i]));
  }

  /** The plain list's terms: the query's pairs (its characters when it has none), rarest first within PLAIN_POSTINGS_BUDGET, none over PLAIN_MAX_SHARE. */
  private plainTerms(known: readonly string[]): string[] {
    const pairs = known.filter((t) => Array.from(t).length > 1);
    const most = Math.max(1, this.documentCount() * PLAIN_MAX_SHARE);
    const terms: string[] = [];
    let postings = 0;
    for (const t of (pairs.length > 0 ? pairs : known).filter((x) => this.frequency(x) <= most).sort((a, b) => this.frequency(a) - this.frequency(b))) {
      if (terms.length > 0 && postings + this.frequency(t) > PLAIN_POSTINGS_BUDGET) break;
      terms.push(t);
      postings += this.frequency(t);
    }
    return terms;
  }

  /** The query's terms plus those of synonyms of the words it contains. */
  private queryTerms(query: string): string[] {
    const text = query.normalize('NFKC');
    const extra = (this.options.synonyms?.() ?? []).filter((group) => group.some((w) => text.includes(w))).flatMap((group) => group.filter((w) => !text.includes(w)));
    return [...new Set([...searchTerms(text), ...extra.flatMap(searchTerms)])];
  }

  private frequency(term: string): number {
    let df = this.df.get(term);
    if (df === undefined) {
      df = this.repo.documentFrequency(term);
      if (this.df.size > 100_000) this.df.clear();
      this.df.set(term, df);
    }
    return df;
  }

  private documentCount(): number {
    if (this.documents < 0) this.documents = this.repo.count();
    return this.documents;
  }
}
