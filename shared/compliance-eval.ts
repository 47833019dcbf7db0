/**
 * Precision and recall of the checker and of the early warning on a labelled set (`zuoxi compliance
 * eval`, and the unit tests). A line is an agent's text `{"text", "rules": [...], "reply"?: true}`
 * (`reply`: the customer reads it, so R-POLITE applies), or a customer's message
 * `{"text", "families": [...]}` for the warning. Pure: the caller reads the file and builds the policy.
 */
import { z } from 'zod';
import { COMPLIANCE_RULES, type Checker, type ComplianceRule } from './compliance.js';
import { findSensitive, SENSITIVE_FAMILIES, type SensitiveFamily } from './sensitive.js';

export const LabelledLineSchema = z.union([
  z.object({ text: z.string().min(1), rules: z.array(z.enum(COMPLIANCE_RULES as [ComplianceRule, ...ComplianceRule[]])), reply: z.boolean().optional() }).strict(),
  z.object({ text: z.string().min(1), families: z.array(z.enum(SENSITIVE_FAMILIES as [SensitiveFamily, ...SensitiveFamily[]])) }).strict(),
]);
export type LabelledLine = z.infer<typeof LabelledLineSchema>;

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface Figures extends Counts {
  readonly precision: number;
  readonly recall: number;
}
export interface ComplianceEval {
  readonly replies: number;
  readonly messages: number;
  /** Every rule over the agents' lines, and all of them together. */
  readonly checker: { readonly all: Figures; readonly perRule: Readonly<Record<ComplianceRule, Figures>> };
  readonly warning: { readonly all: Figures; readonly perFamily: Readonly<Record<SensitiveFamily, Figures>> };
  /** `false alarm R-…: text` and `missed R-…: text`, for reading. */
  readonly wrong: readonly string[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : +(a / b).toFixed(3));
const figures = (c: Counts): Figures => ({ ...c, precision: ratio(c.tp, c.tp + c.fp), recall: ratio(c.tp, c.tp + c.fn) });
const sum = (list: readonly Counts[]): Counts => list.reduce((s, c) => ({ tp: s.tp + c.tp, fp: s.fp + c.fp, fn: s.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });

function tally<K extends string>(keys: readonly K[], cases: readonly { text: string; want: readonly K[]; got: ReadonlySet<K> }[], wrong: string[]) {
  const table = Object.fromEntries(keys.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<K, Counts>;
  for (const { text, want, got } of cases) {
    for (const k of keys) {
      const [w, g] = [want.includes(k), got.has(k)];
      if (w && g) table[k].tp++;
      else if (g) table[k].fp++;
      else if (w) table[k].fn++;
      if (w !== g) wrong.push(`${g ? 'false alarm' : 'missed'} ${k}: ${text}`);
    }
  }
  return { all: figures(sum(Object.values(table))), per: Object.fromEntries(keys.map((k) => [k, figures(table[k])])) as Record<K, Figures> };
}

export function evaluateCompliance(lines: readonly LabelledLine[], check: Checker, sensitiveWords: readonly string[], context: { agentId?: string } = {}): ComplianceEval {
  const wrong: string[] = [];
  const replies = lines.filter((l): l is Extract<LabelledLine, { rules: unknown }> => 'rules' in l);
  const messages = lines.filter((l): l is Extract<LabelledLine, { families: unknown }> => 'families' in l);
  const checker = tally(
    COMPLIANCE_RULES,
    replies.map((l) => ({ text: l.text, want: l.rules, got: new Set(check(l.text, { ...context, ...(l.reply ? { reply: true } : {}) }).map((f) => f.rule)) })),
    wrong,
  );
  const warning = tally(
    SENSITIVE_FAMILIES,
    messages.map((l) => ({ text: l.text, want: l.families, got: new Set(findSensitive(l.text, sensitiveWords).map((m) => m.family)) })),
    wrong,
  );
  return { replies: replies.length, messages: messages.length, checker: { all: checker.all, perRule: checker.per }, warning: { all: warning.all, perFamily: warning.per }, wrong };
}
