import { describe, expect, it } from 'vitest';
import { insertAt } from '../../../renderer/src/ui/insert-at';

describe('insertAt', () => {
  it('puts words at the cursor, replaces a selection, and moves the cursor after them', () => {
    expect(insertAt('您好，。', 3, 3, '请稍等')).toEqual({ text: '您好，请稍等。', cursor: 6 });
    expect(insertAt('您好，XX。', 3, 5, '请稍等')).toEqual({ text: '您好，请稍等。', cursor: 6 });
    expect(insertAt('', 0, 0, '您好')).toEqual({ text: '您好', cursor: 2 });
  });
  it('keeps a cursor past the end (or a reversed selection) inside the text', () => {
    expect(insertAt('abc', 9, 9, 'd')).toEqual({ text: 'abcd', cursor: 4 });
    expect(insertAt('abc', 2, 1, 'X')).toEqual({ text: 'abXc', cursor: 3 });
  });
});
