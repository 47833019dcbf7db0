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
  // found by indexOf over UTF-16 units (native), then carried over to characters
  const lower = text.toLowerCase();
  const markedUnits = new Uint8Array(text.length);
  if (lower.length === text.length) {
    for (const term of wanted) {
      if (!term) continue;
      for (let i = lower.indexOf(term); i >= 0; i = lower.indexOf(term, i + 1)) markedUnits.fill(1, i, i + term.length);
    }
  }
  const marked = new Uint8Array(chars.length);
  let unit = 0;
  chars.forEach((c, k) => {
    marked[k] = markedUnits[unit]!;
    unit += c.length;
  });
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
    // the densest window, moved to begin a little before its first match
    const first = marked.indexOf(1, start);
    if (first >= 0) start = Math.max(0, Math.min(first - 10, chars.length - maxChars));
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
