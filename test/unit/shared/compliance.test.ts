import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blocksSending, COMPLIANCE_RULES, compileChecker, type ComplianceRule } from '../../../shared/compliance';
import { evaluateCompliance, LabelledLineSchema } from '../../../shared/compliance-eval';
import { fillPhrase, forbiddenOf, PhraseLibrarySchema } from '../../../shared/phrases';

const ROOT = join(__dirname, '../../..');
const library = PhraseLibrarySchema.parse(JSON.parse(readFileSync(join(ROOT, 'resources/phrases/zh-CN.json'), 'utf8')));
/** The labelled set's company: its own sites, two colleagues, its ticket ids, two activities not launched yet. */
const check = compileChecker({
  forbidden: forbiddenOf(library),
  officialHosts: ['example.com', '12345.gov.cn'],
  staffNames: ['王小明', '李娜'],
  internalPatterns: ['\\bTK-\\d{5,}\\b', '\\b(?:10|172|192\\.168)(?:\\.\\d{1,3}){2,3}\\b'],
  unreleased: ['双十二会员日', '极速退款通道'],
});
const load = (name: string) =>
  readFileSync(join(ROOT, 'test/fixtures/compliance', name), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => LabelledLineSchema.parse(JSON.parse(l)) as { text: string; rules: ComplianceRule[]; reply?: boolean });
const labelled = load('replies-zh-CN.jsonl');

/** Precision and recall over a labelled set, overall and per rule (shared/compliance-eval.ts); each miss or false alarm printed. */
function score(set: readonly { text: string; rules: ComplianceRule[]; reply?: boolean }[]) {
  const r = evaluateCompliance(set, check, [], { agentId: '1001' });
  const result = { replies: r.replies, precision: r.checker.all.precision, recall: r.checker.all.recall, perRule: r.checker.perRule };
  console.info(JSON.stringify(result));
  if (r.wrong.length) console.info(r.wrong.join('\n'));
  return result;
}

describe('compliance checker on the labelled replies', () => {
  it('has at least 200 replies, every rule covered, compliant ones included', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(200);
    for (const rule of COMPLIANCE_RULES) expect(labelled.filter((r) => r.rules.includes(rule)).length, rule).toBeGreaterThanOrEqual(6);
    expect(labelled.filter((r) => r.rules.length === 0).length).toBeGreaterThanOrEqual(80);
  });

  it('reaches precision >= 0.95 overall, and per rule precision and recall >= 0.9', () => {
    const { precision, perRule } = score(labelled);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    for (const [rule, r] of Object.entries(perRule)) {
      expect(r.precision, `${rule} precision`).toBeGreaterThanOrEqual(0.9);
      expect(r.recall, `${rule} recall`).toBeGreaterThanOrEqual(0.9);
    }
  });

  // Written after the rules were fixed and never used to tune them: the honest figure. Measured
  // 2026-11-23: precision 1.0, recall 0.85 (misses: 这点小事也要打电话来问, 这是常识谁都知道, 这不归我管).
  it('keeps precision >= 0.95 on 40 held-out replies the rules were not tuned on', () => {
    const holdout = load('replies-holdout-zh-CN.jsonl');
    expect(holdout.length).toBe(40);
    const { precision, recall } = score(holdout);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.8);
  });
});

describe('compliance findings', () => {
  it('gives the rule, the exact span and the standard phrase to use instead', () => {
    const text = '好的。喂，听懂了吧？';
    const [f] = check(text);
    expect(f).toMatchObject({ rule: 'R-DONT-SAY', severity: 'high', match: '听懂了吧', suggestion: 'confirm' });
    expect(text.slice(f!.start, f!.end)).toBe('听懂了吧');
    expect(library.phrases.find((p) => p.id === f!.suggestion)?.say[0]).toBe('请问我刚才的解释您是否明白？');
  });

  it("lets the agent give their own staff number, not a colleague's", () => {
    expect(check('我的工号是1001', { agentId: '1001' })).toEqual([]);
    expect(check('我的工号是1001', { agentId: '1002' }).map((f) => f.rule)).toEqual(['R-NO-INTERNAL']);
  });

  it('blocks sending on a high finding only; a rhetorical question warns', () => {
    expect(blocksSending(check('你怎么还不明白'))).toBe(false);
    expect(check('你怎么还不明白')[0]).toMatchObject({ rule: 'R-NO-ABUSE', severity: 'medium' });
    expect(blocksSending(check('请看 https://t.cn/x'))).toBe(true);
    expect(blocksSending(check('请看 https://www.example.com/x'))).toBe(false);
  });

  it('reports one finding per rule and span', () => {
    expect(check('你有病吧').map((f) => f.match)).toEqual(['你有病']);
    expect(check('难道这个你也不知道吗').length).toBe(1);
  });
});

describe('phrase library', () => {
  it('covers every phase and the seed situations, with counter-examples for the "never say" ones', () => {
    expect(new Set(library.phrases.map((p) => p.phase))).toEqual(new Set(['opening', 'during', 'waiting', 'complaint', 'fault', 'closing']));
    for (const id of ['greeting', 'silent-1', 'silent-end', 'handsfree', 'too-quiet', 'noisy-line', 'dialect', 'repeat', 'note-down', 'internal-department', 'hard-to-reach', 'abuse', 'slow-agent', 'attitude', 'complaint-later', 'complaint-end', 'please-wait', 'system-fault', 'suggestion', 'unreasonable', 'thanks', 'cannot-answer', 'confirm', 'closing', 'still-on-line']) {
      expect(library.phrases.some((p) => p.id === id), id).toBe(true);
    }
    // every counter-example is caught by the checker through its distinctive part
    for (const p of library.phrases) for (const never of p.never) expect(check(never).some((f) => f.rule === 'R-DONT-SAY'), never).toBe(true);
    // and no standard wording is flagged
    for (const p of library.phrases) for (const say of p.say) expect(check(say), say).toEqual([]);
    const en = PhraseLibrarySchema.parse(JSON.parse(readFileSync(join(ROOT, 'resources/phrases/en-US.json'), 'utf8')));
    expect(en.phrases.map((p) => p.id)).toEqual(library.phrases.map((p) => p.id));
  });

  it('fills variables from context and lists the missing ones', () => {
    expect(fillPhrase('您好，{company}，{agentId}号为您服务', { company: '示例公司', agentId: '1001' })).toEqual({ text: '您好，示例公司，1001号为您服务', missing: [] });
    expect(fillPhrase('{customerName}您好，{hours}小时内答复', { hours: '24' })).toEqual({ text: '{customerName}您好，24小时内答复', missing: ['customerName'] });
  });
});
