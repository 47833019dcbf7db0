import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCompliance } from '../../../shared/compliance-eval';
import { findSensitive, sensitiveByFamily, type SensitiveFamily } from '../../../shared/sensitive';

// The early warning (R-ESCALATE-SENSITIVE) by families of patterns, on the project's own labelled
// customer messages (test/fixtures/compliance/customers-zh-CN.jsonl), written apart from the patterns.
const SEED_WORDS = ['记者', '主持人', '报社', '节目', '栏目组', '社会名人', '曝光', '媒体', '工商局', '上门拜访', '找领导', '报警', '找负责人'];
const labelled = readFileSync(join(__dirname, '../../fixtures/compliance/customers-zh-CN.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { text: string; families: SensitiveFamily[] });

describe('sensitive-word warning by family', () => {
  it('reaches precision >= 0.95 and recall >= 0.9 per family on the labelled messages; the benign ones stay quiet', () => {
    const r = evaluateCompliance(labelled, () => [], SEED_WORDS);
    console.info(JSON.stringify(r.warning), r.wrong.join('\n'));
    expect(r.messages).toBeGreaterThanOrEqual(60);
    expect(labelled.filter((l) => l.families.length === 0).length).toBeGreaterThanOrEqual(20);
    for (const family of ['media', 'authority', 'legal', 'superior'] as const) {
      const f = r.warning.perFamily[family];
      expect(f.tp + f.fn, family).toBeGreaterThanOrEqual(10);
      expect(f.precision, `${family} precision`).toBeGreaterThanOrEqual(0.95);
      expect(f.recall, `${family} recall`).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('finds every match with its family and span, in order', () => {
    expect(findSensitive('再不解决我就找媒体曝光，还要报警', SEED_WORDS)).toEqual([
      { family: 'media', word: '媒体', start: 7, end: 9 },
      { family: 'media', word: '曝光', start: 9, end: 11 },
      { family: 'legal', word: '报警', start: 14, end: 16 },
    ]);
    expect(findSensitive('我想查一下账单', SEED_WORDS)).toEqual([]);
  });

  it("adds the company's own words literally, and leaves the seed's words to their family's context", () => {
    const words = [...SEED_WORDS, '黑猫投诉'];
    expect(findSensitive('我已经在黑猫投诉发帖了', words)).toEqual([{ family: 'custom', word: '黑猫投诉', start: 4, end: 8 }]);
    // 节目 is in the company's list, but a programme to subscribe to does not warn
    expect(findSensitive('我想订这个节目', words)).toEqual([]);
    expect(sensitiveByFamily(findSensitive('找媒体曝光，再报警，还要去黑猫投诉', words))).toEqual([
      { family: 'media', words: ['媒体', '曝光'] },
      { family: 'legal', words: ['报警'] },
      { family: 'custom', words: ['黑猫投诉'] },
    ]);
  });
});
