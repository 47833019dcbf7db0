import { describe, expect, it } from 'vitest';
import { basicTokens, WordPiece } from '../../../shared/wordpiece';

describe('WordPiece (BERT-style vocab.txt)', () => {
  const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '退', '款', 'app', '##le', 'un', '##know', '，', '4', '##g'];
  const wp = new WordPiece(vocab);
  const id = (t: string) => vocab.indexOf(t);

  it('splits CJK characters and punctuation, lower-cases, and cuts words into the longest pieces', () => {
    expect(basicTokens('退款，Apple 4G')).toEqual(['退', '款', '，', 'apple', '4g']);
    expect(wp.encode('退款，Apple 4G', 64)).toEqual([id('[CLS]'), id('退'), id('款'), id('，'), id('app'), id('##le'), id('4'), id('##g'), id('[SEP]')]);
  });

  it('spells what the vocab cannot as [UNK], and truncates to maxTokens with [SEP] last', () => {
    expect(wp.encode('到账 unknowable', 64)).toEqual([id('[CLS]'), id('[UNK]'), id('[UNK]'), id('[UNK]'), id('[SEP]')]);
    expect(wp.encode('退款退款退款', 4)).toEqual([id('[CLS]'), id('退'), id('款'), id('[SEP]')]);
  });

  it('refuses a vocab without the special tokens', () => {
    expect(() => new WordPiece(['a', 'b'])).toThrow(/\[CLS\]/);
  });
});
