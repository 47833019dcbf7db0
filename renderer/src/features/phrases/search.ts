import type { Phrase } from '../../../../shared/phrases';

export interface PhraseIndex {
  readonly phrase: Phrase;
  /** Situation and wordings, lower-cased, one per line. */
  readonly text: string;
  /** Their pinyin initials (请您稍等片刻 → qnsdpk), one per line; empty until the dictionary is loaded. */
  readonly initials: string;
}

const textOf = (p: Phrase) => [p.situation, ...p.say];

/** Characters only: usable at once, before the pinyin dictionary has loaded. */
export const indexPhrases = (phrases: readonly Phrase[]): PhraseIndex[] => phrases.map((phrase) => ({ phrase, text: textOf(phrase).join('\n').toLowerCase(), initials: '' }));

/**
 * Adds pinyin initials. The dictionary (pinyin-pro, which reads polyphones from context: 银行 → yh)
 * is a separate chunk loaded on first use, so it never delays the desk's start.
 */
export async function withInitials(index: readonly PhraseIndex[]): Promise<PhraseIndex[]> {
  const { pinyin } = await import('pinyin-pro');
  const initialsOf = (s: string) =>
    pinyin(s, { pattern: 'first', toneType: 'none', type: 'array' })
      .join('')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  return index.map((i) => ({ ...i, initials: textOf(i.phrase).map(initialsOf).join('\n') }));
}

/** Characters anywhere in the situation or a wording; a query of Latin letters also matches pinyin initials. */
export function searchPhrases(index: readonly PhraseIndex[], query: string): Phrase[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const latin = /^[a-z]+$/.test(q);
  return index.filter((i) => i.text.includes(q) || (latin && i.initials.includes(q))).map((i) => i.phrase);
}
