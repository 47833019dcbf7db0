import { pinyin } from 'pinyin-pro';
import type { Phrase } from '../../../../shared/phrases';

export interface PhraseIndex {
  readonly phrase: Phrase;
  /** Situation and wordings, lower-cased, one per line. */
  readonly text: string;
  /** Their pinyin initials (请您稍等片刻 → qnsdpk), one per line, so a query never spans two wordings. */
  readonly initials: string;
}

const initialsOf = (s: string) =>
  pinyin(s, { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** Built once per library: the dictionary lookup is the slow part, the search itself is `includes`. */
export const indexPhrases = (phrases: readonly Phrase[]): PhraseIndex[] =>
  phrases.map((phrase) => {
    const parts = [phrase.situation, ...phrase.say];
    return { phrase, text: parts.join('\n').toLowerCase(), initials: parts.map(initialsOf).join('\n') };
  });

/** Characters anywhere in the situation or a wording; a query of Latin letters also matches pinyin initials. */
export function searchPhrases(index: readonly PhraseIndex[], query: string): Phrase[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const latin = /^[a-z]+$/.test(q);
  return index.filter((i) => i.text.includes(q) || (latin && i.initials.includes(q))).map((i) => i.phrase);
}
