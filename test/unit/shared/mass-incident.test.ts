import { describe, expect, it } from 'vitest';
import { detectMassIncidents, type RecentVisit } from '../../../shared/mass-incident';

const NOW = 1_800_000_000_000;
const MIN = 60_000;
const policy = { minVisits: 4, windowMinutes: 30, similarity: 0.3 };
let nextId = 1;
const visit = (description: string, minutesAgo: number, category = 'repair', customerNumber = `1380000${String(nextId).padStart(4, '0')}`): RecentVisit => ({
  id: nextId++,
  category,
  description,
  startedAt: NOW - minutesAgo * MIN,
  customerNumber,
});

describe('mass-incident detection (R-MASS)', () => {
  it('finds four customers reporting the same outage within 30 minutes, with examples', () => {
    const outage = [
      visit('朝阳区宽带断网，无法上网', 25),
      visit('宽带断网了，朝阳区这边', 18),
      visit('家里宽带断网无法上网', 9),
      visit('朝阳区宽带突然断网', 2),
    ];
    const noise = [visit('咨询套餐资费', 5, 'consult'), visit('要求开发票', 7)];
    const [incident, ...rest] = detectMassIncidents([...outage, ...noise], policy, NOW);
    expect(rest).toEqual([]);
    expect(incident).toMatchObject({ category: 'repair', firstAt: NOW - 25 * MIN, lastAt: NOW - 2 * MIN });
    expect([...incident!.visitIds].sort()).toEqual(outage.map((v) => v.id).sort());
    expect(incident!.examples).toEqual(['朝阳区宽带突然断网', '家里宽带断网无法上网', '宽带断网了，朝阳区这边']);
  });

  it('does not fire for unrelated problems, old visits, other categories, or one caller ringing again and again', () => {
    const unrelated = ['宽带断网', '手机无法开机', '发票没有收到', '密码需要重置', '积分无法兑换'].map((d, i) => visit(d, i * 3));
    expect(detectMassIncidents(unrelated, policy, NOW)).toEqual([]);
    const old = [1, 2, 3, 4].map((i) => visit('宽带断网无法上网', 30 + i));
    expect(detectMassIncidents(old, policy, NOW)).toEqual([]);
    const split = ['repair', 'complaint', 'repair', 'consult'].map((c, i) => visit('宽带断网无法上网', i, c));
    expect(detectMassIncidents(split, policy, NOW)).toEqual([]);
    const sameCaller = [1, 2, 3, 4, 5].map((i) => visit('宽带断网无法上网', i, 'repair', '13900000000'));
    expect(detectMassIncidents(sameCaller, policy, NOW)).toEqual([]);
  });
});
