/**
 * Knowledge-base ranking, pure: FTS5 finds candidates through the query's rarest terms; this module
 * orders them by combining signals, each in [0, 1], against the best-matching of the article's
 * questions (its title and each similar question: customers' questions paraphrase each other):
 *
 * - character overlap: idf-weighted Dice of the query's single Han characters with the question's
 *   (paraphrases keep the key characters: 改 in 更改 / 修改);
 * - word overlap: the same for Han pairs and whole words (two-character words: 退款, 密码);
 * - order: the longest common subsequence of characters, relative to both lengths (word order and
 *   typos: it rewards the same characters in the same order, not just shared ones);
 * - body coverage: the idf-weighted share of the query's terms found in the body;
 * - bm25: FTS5's score over the weighted columns, relative to the best candidate.
 *
 * Measured on ../shared/kb-eval/bq (see README): each signal alone reaches R@5 0.31–0.35; together 0.37.
 *
 * Fused with the plain list (issue 19): bm25 over the query's character pairs, title first, the
 * plain method that does better on long descriptive queries. Reciprocal rank fusion, the plain
 * list's share growing with the query's length, so a long description leans on it and a short
 * typed question does not.
 */
import { searchTerms } from './text-index.js';

export interface RankWeights {
  readonly characters: number;
  readonly words: number;
  readonly order: number;
  readonly body: number;
  readonly bm25: number;
  /**
   * The plain list's weight in the fusion (plainShare): none for a query up to `plainFrom`
   * characters (short typed questions, where the signals do better), rising by `plain` every
   * `plainAt` characters after that (long descriptions, where the plain method does better), at most twice `plain`.
   */
  readonly plain: number;
  readonly plainFrom: number;
  readonly plainAt: number;
  /** Reciprocal rank fusion's constant: 1 / (k + rank). */
  readonly fusionK: number;
  /** The semantic list's weight in the fusion (a company's sentence-embedding model, when configured). */
  readonly semantic: number;
}

export const DEFAULT_WEIGHTS: RankWeights = { characters: 1, words: 1, order: 1, body: 0.3, bm25: 0.5, plain: 1, plainFrom: 12, plainAt: 20, fusionK: 10, semantic: 1 };

export interface RankInput<T> {
  readonly item: T;
  readonly questions: readonly string[];
  readonly body: string;
  /** FTS5 bm25 over the rare terms: negative, lower is better (0: not found by them). */
  readonly bm25: number;
  /** Its place in the plain list (bm25 over the query's pairs), from 0; null when not in it. */
  readonly plainRank: number | null;
  /** Its place among the candidates by cosine to the query's embedding, from 0; null without a model or a vector. */
  readonly semanticRank?: number | null;
}

/** Inverse document frequency of a term (0 for terms the corpus does not have). */
export type Idf = (term: string) => number;

/** BM25's idf: ln(1 + (N - df + 0.5) / (df + 0.5)); 0 when the term is in no document. */
export const bm25Idf = (documents: number, df: number): number => (df === 0 ? 0 : Math.log(1 + (documents - df + 0.5) / (df + 0.5)));

const isChar = (t: string) => t.length === 1 || (t.length === 2 && t.codePointAt(0)! > 0xffff);

/** Length of the longest common subsequence of two code-point arrays (two rows of the DP table). */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = [0];
    for (let j = 0; j < b.length; j++) row.push(x === b[j] ? prev[j]! + 1 : Math.max(prev[j + 1]!, row[j]!));
    prev = row;
  }
  return prev[b.length]!;
}

/** A text's letters and digits, normalised: what a query's length is counted in. */
export const letters = (text: string): string[] => Array.from(text.normalize('NFKC').toLowerCase()).filter((c) => /[\p{L}\p{N}]/u.test(c));

/** How much the plain list counts for a query of `length` characters: more for long descriptions, nothing for short typed questions. */
export const plainShare = (length: number, w: RankWeights): number => w.plain * Math.min(2, Math.max(0, (length - w.plainFrom) / w.plainAt));

export function rank<T>(query: string, queryTerms: readonly string[], inputs: readonly RankInput<T>[], idf: Idf, w: RankWeights = DEFAULT_WEIGHTS): { item: T; score: number }[] {
  const weigh = (terms: Iterable<string>) => {
    let s = 0;
    for (const t of terms) s += idf(t);
    return s;
  };
  const chars = queryTerms.filter(isChar);
  const words = queryTerms.filter((t) => !isChar(t));
  const charWeight = weigh(chars);
  const wordWeight = weigh(words);
  const queryWeight = charWeight + wordWeight;
  if (queryWeight === 0 || inputs.length === 0) return [];
  const queryChars = letters(query);
  const best = Math.min(...inputs.map((i) => i.bm25));
  const dice = (shared: number, own: number, other: number) => (own + other === 0 ? 0 : (2 * shared) / (own + other));
  const signals = inputs
    .map((input) => {
      let characters = 0;
      let wordsScore = 0;
      let order = 0;
      for (const q of input.questions) {
        const terms = searchTerms(q);
        const have = new Set(terms);
        const qc = terms.filter(isChar);
        // the question's own weight is estimated from its size at the query's mean idf: weighing
        // every term of every candidate question would cost a frequency lookup each
        const qw = terms.length - qc.length;
        characters = Math.max(characters, dice(weigh(chars.filter((t) => have.has(t))), charWeight, chars.length ? (charWeight * qc.length) / chars.length : 0));
        wordsScore = Math.max(wordsScore, dice(weigh(words.filter((t) => have.has(t))), wordWeight, words.length ? (wordWeight * qw) / words.length : 0));
        const questionChars = letters(q);
        order = Math.max(order, dice(lcsLength(queryChars, questionChars), queryChars.length, questionChars.length));
      }
      // a substring test per query term, not the body's own terms: tokenising every candidate's
      // body cost a third of a search at 100,000 articles (same answer for Han terms; a Latin word
      // also counts inside a longer one)
      const bodyText = input.body.normalize('NFKC').toLowerCase();
      const body = weigh(queryTerms.filter((t) => bodyText.includes(t))) / queryWeight;
      const bm25 = best < 0 && input.bm25 < 0 ? input.bm25 / best : 0;
      return { item: input.item, score: w.characters * characters + w.words * wordsScore + w.order * order + w.body * body + w.bm25 * bm25, plainRank: input.plainRank, semanticRank: input.semanticRank ?? null };
    })
    .sort((a, b) => b.score - a.score);
  // reciprocal rank fusion of the signals' order with the plain list's and the semantic one's: an
  // article in some only gets those lists' shares
  const share = plainShare(queryChars.length, w);
  const semantic = signals.some((s) => s.semanticRank !== null) ? w.semantic : 0;
  if (share === 0 && semantic === 0) return signals.map(({ item, score }) => ({ item, score }));
  const part = (weight: number, at: number | null) => (weight === 0 || at === null ? 0 : weight / (w.fusionK + at));
  return signals.map(({ item, plainRank, semanticRank }, at) => ({ item, score: 1 / (w.fusionK + at) + part(share, plainRank) + part(semantic, semanticRank) })).sort((a, b) => b.score - a.score);
}
