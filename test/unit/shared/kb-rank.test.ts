import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, plainShare, rank, type RankInput } from '../../../shared/kb-rank';
import { searchTerms } from '../../../shared/text-index';

// The fusion with the plain list (issue 19): long descriptions lean on it, short questions do not.
const idf = () => 1;
const input = (id: string, title: string, plainRank: number | null, bm25 = -1): RankInput<string> => ({ item: id, questions: [title], body: '', bm25, plainRank });

describe('rank fused with the plain list', () => {
  it('gives the plain list no share up to plainFrom characters, then more with length, at most twice', () => {
    expect(plainShare(5, DEFAULT_WEIGHTS)).toBe(0);
    expect(plainShare(DEFAULT_WEIGHTS.plainFrom, DEFAULT_WEIGHTS)).toBe(0);
    expect(plainShare(DEFAULT_WEIGHTS.plainFrom + DEFAULT_WEIGHTS.plainAt, DEFAULT_WEIGHTS)).toBe(DEFAULT_WEIGHTS.plain);
    expect(plainShare(500, DEFAULT_WEIGHTS)).toBe(2 * DEFAULT_WEIGHTS.plain);
  });

  it('orders a short question by the signals alone, whatever the plain list says', () => {
    const q = '信用卡怎么还款';
    const inputs = [input('other', '信用卡积分', 0), input('match', '信用卡怎么还款', null)];
    expect(rank(q, searchTerms(q), inputs, idf).map((r) => r.item)).toEqual(['match', 'other']);
  });

  it("lets a long description's plain list lift an article the signals put lower", () => {
    const q = '我上个月在网上银行给朋友转账，钱已经扣了但是对方一直没有收到，请问这种情况怎么办';
    // the signals prefer the first title (it shares more characters); the plain list ranks the second first
    const inputs = [input('signals', '网上银行转账对方没有收到怎么办朋友', 5), input('plain', '转账扣款未到账处理', 0), input('neither', '手机银行登录', null)];
    const signalsOnly = rank(q, searchTerms(q), inputs, idf, { ...DEFAULT_WEIGHTS, plain: 0 }).map((r) => r.item);
    expect(signalsOnly[0]).toBe('signals');
    expect(rank(q, searchTerms(q), inputs, idf).map((r) => r.item)).toEqual(['plain', 'signals', 'neither']);
  });
});
