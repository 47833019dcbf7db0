import { describe, expect, it } from 'vitest';
import { formatSynonyms, parseSynonyms, SynonymsSchema } from '../../../shared/kb';

describe('editable synonym list', () => {
  it('reads one group per line with any of the usual separators, skipping blank lines and repeats', () => {
    const { groups, errors } = parseSynonyms('退款 退钱，退费\n\n 密码、口令 ,密码\r\n宽带;网络；网速 \n');
    expect(errors).toEqual([]);
    expect(groups).toEqual([
      ['退款', '退钱', '退费'],
      ['密码', '口令'],
      ['宽带', '网络', '网速'],
    ]);
    expect(SynonymsSchema.safeParse(groups).success).toBe(true);
  });

  it('round-trips through the text it formats', () => {
    const groups = [
      ['退款', '退钱'],
      ['ATM', '取款机', '自动柜员机'],
    ];
    expect(parseSynonyms(formatSynonyms(groups))).toEqual({ groups, errors: [] });
  });

  it('names every bad line and keeps none of them', () => {
    const long = '长'.repeat(21);
    const many = Array.from({ length: 21 }, (_, i) => `词${i}`).join(' ');
    const { groups, errors } = parseSynonyms(`退款 退钱\n孤词\n${long} 短词\n${many}\n密码 口令`);
    expect(errors).toEqual([
      { line: 2, reason: 'one-word' },
      { line: 3, reason: 'word-too-long' },
      { line: 4, reason: 'too-many-words' },
    ]);
    expect(groups).toEqual([
      ['退款', '退钱'],
      ['密码', '口令'],
    ]);
  });

  it('stops at 2,000 groups, saying which line is over', () => {
    const text = Array.from({ length: 2001 }, (_, i) => `甲${i} 乙${i}`).join('\n');
    const { groups, errors } = parseSynonyms(text);
    expect(groups).toHaveLength(2000);
    expect(errors).toEqual([{ line: 2001, reason: 'too-many-groups' }]);
  });

  it('normalises full-width letters and spaces', () => {
    expect(parseSynonyms('ＡＴＭ\u3000取款机').groups).toEqual([['ATM', '取款机']]);
  });
});
