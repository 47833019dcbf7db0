/**
 * Search tokens for Chinese and mixed text, for SQLite FTS5 with the plain `unicode61` tokenizer:
 * the text is turned into space-separated tokens here, so the index needs no native tokenizer.
 *
 * - Han runs become every single character and every overlapping pair (退款 → 退 款 退款), so one- and
 *   two-character words are found (FTS5's trigram tokenizer finds nothing under three characters).
 * - Latin words and digit runs stay whole, lower-cased; digit runs also index their prefixes
 *   of 3+ digits so a partial number (138 0013) finds the visit.
 * - A query matches when every query token is present: a Han run of the query contributes its pairs
 *   (or the single character), so 退款申请 needs 退款 款申 申请 — in that order of characters, near.
 *
 * Tokens are code points in hex (5 digits each) so no FTS5 syntax (quotes, AND, NEAR, *, parentheses) can come from text.
 */
/**
 * Bumped whenever the tokens of a text change: a database indexed with an older version is
 * re-indexed in the background (electron/services/search-index.service.ts). 1: letter and digit
 * runs swallowed the Han characters after them (4G套餐 one token); 2: they do not.
 */
export const TOKENIZER_VERSION = 2;

const HAN = /\p{Script=Han}/u;
// a Han run, or a run of other letters and digits: 4G套餐 is 4g + 套餐, never one token (tokenizer 2)
const WORD = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

const hex = (s: string) => Array.from(s, (c) => c.codePointAt(0)!.toString(16).padStart(5, '0')).join('');

/**
 * Encoded tokens, remembered: texts repeat the same characters and pairs, and encoding them was most
 * of the cost of tokenising (200,000 visits: 12.9 s → 2.4 s). Bounded: cleared when it grows large.
 */
const encoded = new Map<string, string>();
const ENCODED_MAX = 500_000;
function encode(token: string): string {
  let e = encoded.get(token);
  if (e === undefined) {
    if (encoded.size >= ENCODED_MAX) encoded.clear();
    e = `x${hex(token)}`;
    encoded.set(token, e);
  }
  return e;
}

function runTokens(run: string, forQuery: boolean): string[] {
  if (HAN.test(run[0]!)) {
    const chars = Array.from(run);
    const pairs = chars.slice(1).map((c, i) => chars[i]! + c);
    if (forQuery) return pairs.length > 0 ? pairs : chars;
    return [...chars, ...pairs];
  }
  const word = run.toLowerCase();
  if (!forQuery && /^\d{4,}$/.test(word)) {
    const prefixes: string[] = [];
    for (let n = 3; n < word.length; n++) prefixes.push(word.slice(0, n));
    return [...prefixes, word];
  }
  return [word];
}

function tokens(text: string, forQuery: boolean): string[] {
  const out = new Set<string>();
  for (const m of text.normalize('NFKC').matchAll(WORD)) for (const t of runTokens(m[0], forQuery)) out.add(encode(t));
  return [...out];
}

/** The FTS5 token of one search term (a Han character or pair, a word). */
export const tokenOf = encode;

/**
 * The distinct search terms of a text, in order of appearance: for Han runs every character and every
 * pair (a query's single characters included, for ranking), other words whole and lower-cased.
 */
export function searchTerms(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.normalize('NFKC').matchAll(WORD)) {
    const run = m[0];
    if (HAN.test(run[0]!)) {
      const chars = Array.from(run);
      chars.forEach((c, i) => {
        out.add(c);
        if (i > 0) out.add(chars[i - 1]! + c);
      });
    } else out.add(run.toLowerCase());
  }
  return [...out];
}

/** The token string stored in the FTS5 column for this text. */
export const indexText = (...parts: readonly string[]): string => tokens(parts.join(' '), false).join(' ');

/**
 * The token string for long text where single characters would only add noise and bulk (article
 * bodies): Han pairs (a lone character stays) and whole words.
 */
export const indexPairs = (...parts: readonly string[]): string => tokens(parts.join(' '), true).join(' ');

/** The characteristic tokens of a text (Han pairs, words): for similarity between short texts. */
export const keyTokens = (text: string): Set<string> => new Set(tokens(text, true));

/** An FTS5 MATCH expression requiring every token of the query, or null when the query has none. */
export function matchQuery(query: string): string | null {
  const t = tokens(query, true);
  return t.length === 0 ? null : t.join(' AND ');
}
