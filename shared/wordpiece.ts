/**
 * The tokenizer of BERT-style sentence-embedding models (WordPiece over a `vocab.txt`), for the
 * optional semantic signal of the knowledge base (issue 19, item 2): lower-cased, every CJK
 * character its own token, punctuation split off, each word cut into the longest vocab pieces
 * (`##` marks a continuation), `[CLS] … [SEP]` around, `[UNK]` for what the vocab cannot spell.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const PUNCT = /[\p{P}\p{S}]/u;
const MAX_WORD_CHARS = 100;

export class WordPiece {
  private readonly ids: ReadonlyMap<string, number>;
  readonly cls: number;
  readonly sep: number;
  readonly unk: number;

  constructor(vocab: readonly string[]) {
    this.ids = new Map(vocab.map((token, i) => [token, i]));
    const special = (t: string) => {
      const id = this.ids.get(t);
      if (id === undefined) throw new RangeError(`vocab.txt has no ${t}`);
      return id;
    };
    [this.cls, this.sep, this.unk] = [special('[CLS]'), special('[SEP]'), special('[UNK]')];
  }

  /** Token ids of `text`, at most `maxTokens` with [CLS] and [SEP]. */
  encode(text: string, maxTokens: number): number[] {
    const out = [this.cls];
    for (const word of basicTokens(text)) {
      for (const id of this.pieces(word)) {
        if (out.length >= maxTokens - 1) return [...out, this.sep];
        out.push(id);
      }
    }
    return [...out, this.sep];
  }

  private pieces(word: string): number[] {
    const chars = Array.from(word);
    if (chars.length > MAX_WORD_CHARS) return [this.unk];
    const out: number[] = [];
    for (let start = 0; start < chars.length; ) {
      let end = chars.length;
      let id: number | undefined;
      for (; end > start; end--) {
        id = this.ids.get(`${start > 0 ? '##' : ''}${chars.slice(start, end).join('')}`);
        if (id !== undefined) break;
      }
      if (id === undefined) return [this.unk];
      out.push(id);
      start = end;
    }
    return out;
  }
}

/** Words of a text as BERT's basic tokenizer splits them. */
export function basicTokens(text: string): string[] {
  const words: string[] = [];
  let word = '';
  const flush = () => {
    if (word) words.push(word);
    word = '';
  };
  for (const c of text.toLowerCase()) {
    if (/\s/u.test(c)) flush();
    else if (CJK.test(c) || PUNCT.test(c)) {
      flush();
      words.push(c);
    } else word += c;
  }
  flush();
  return words;
}
