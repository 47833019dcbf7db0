/**
 * Highlighted snippets for search results. The output is HTML built only from escaped text and
 * <mark>…</mark>, so it is safe to insert whatever the article or the query contains.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Markdown to plain text for snippets: marks, links and images reduced to their words. */
export const markdownToText = (md: string): string =>
  md
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Marks the query's terms in `text`: words and Han pairs always, single Han characters only when
 * the query has nothing longer. Returns at most `maxChars` characters around the densest matches.
 */
export function highlight(text: string, terms: readonly string[], maxChars = 120): string {
  const chars = Array.from(text);
  const long = terms.filter((t) => Array.from(t).length > 1);
  const wanted = (long.length > 0 ? long : terms).map((t) => t.toLowerCase());
  const lower = Array.from(text.toLowerCase());
  const marked = new Uint8Array(chars.length);
  if (lower.length === chars.length) {
    for (const term of wanted) {
      const t = Array.from(term);
      for (let i = 0; i + t.length <= lower.length; i++) {
        if (t.every((c, j) => lower[i + j] === c)) marked.fill(1, i, i + t.length);
      }
    }
  }
  let start = 0;
  if (chars.length > maxChars) {
    let count = 0;
    for (let i = 0; i < maxChars; i++) count += marked[i]!;
    let best = count;
    for (let i = maxChars; i < chars.length; i++) {
      count += marked[i]! - marked[i - maxChars]!;
      if (count > best) {
        best = count;
        start = i - maxChars + 1;
      }
    }
    // a little context before the first match
    start = Math.max(0, Math.min(start, chars.length - maxChars) - (start > 0 ? 10 : 0));
  }
  const end = Math.min(chars.length, start + maxChars);
  let html = start > 0 ? '…' : '';
  let i = start;
  while (i < end) {
    let j = i;
    while (j < end && marked[j] === marked[i]) j++;
    const piece = escapeHtml(chars.slice(i, j).join(''));
    html += marked[i] ? `<mark>${piece}</mark>` : piece;
    i = j;
  }
  return end < chars.length ? `${html}…` : html;
}
