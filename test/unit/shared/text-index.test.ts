import { describe, expect, it } from 'vitest';
import { indexText, matchQuery, searchTerms } from '../../../shared/text-index';

/** Whether the query's tokens are all among the text's tokens (what FTS5 AND-matching does). */
const finds = (text: string, query: string) => {
  const have = new Set(indexText(text).split(' '));
  const q = matchQuery(query);
  return q !== null && q.split(' AND ').every((t) => have.has(t));
};

describe('Chinese search tokens', () => {
  it('finds two-character words and single characters (which trigram indexing cannot)', () => {
    const text = '客户要求退款，说密码被改了';
    expect(finds(text, '退款')).toBe(true);
    expect(finds(text, '密码')).toBe(true);
    expect(finds(text, '款')).toBe(true);
    expect(finds(text, '退货')).toBe(false);
  });

  it('needs every pair of a longer query, so scattered characters do not match', () => {
    expect(finds('宽带报修后仍然断网', '宽带报修')).toBe(true);
    expect(finds('报名参加宽带活动后修改', '宽带报修')).toBe(false);
  });

  it('matches latin words case-insensitively, full-width forms normalised, and number prefixes', () => {
    expect(finds('Order ID ＡＢ12 via WeChat', 'wechat')).toBe(true);
    expect(finds('Order ID ＡＢ12 via WeChat', 'ab12')).toBe(true);
    expect(finds('回拨 13800138000', '1380013')).toBe(true);
    expect(finds('回拨 13800138000', '0013800')).toBe(false);
  });

  it('splits letters and digits from the Han characters after them (4G套餐 is 4g + 套餐)', () => {
    expect(finds('办理4G套餐后WiFi密码错误', '套餐')).toBe(true);
    expect(finds('办理4G套餐后WiFi密码错误', '密码')).toBe(true);
    expect(finds('办理4G套餐后WiFi密码错误', '4g')).toBe(true);
    expect(finds('办理4G套餐后WiFi密码错误', 'wifi')).toBe(true);
    expect(searchTerms('HUTS保险')).toEqual(['huts', '保', '险', '保险']);
  });

  it('can never produce FTS5 syntax from user input', () => {
    for (const hostile of ['"', 'a AND b', 'NEAR(a b)', 'x*', '(', ')', '-x', 'title:x', '^x']) {
      const q = matchQuery(hostile);
      if (q !== null) expect(q).toMatch(/^x[0-9a-f]+( AND x[0-9a-f]+)*$/);
    }
    expect(matchQuery('')).toBeNull();
    expect(matchQuery('，。！')).toBeNull();
  });
});
