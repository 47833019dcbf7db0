/**
 * The compliance checker (pure, no I/O): what an agent is about to send or record, checked against
 * the service code (seed-rules.md). Each finding names its rule, the span in the text, and the
 * standard phrase to use instead where there is one.
 *
 * - R-DONT-SAY: the "不可以说" counter-examples of the phrase library (their distinctive parts);
 * - R-NO-ABUSE: rude words, rhetorical / interrogating questions (反问、质问) and sarcasm (讽刺);
 * - R-NO-HANGUP: 推诿, pushing the problem or the blame onto someone else;
 * - R-NO-LINKS: a link whose host is not official (the host or a subdomain of an allowed one);
 * - R-NO-INTERNAL: shift schedules, where colleagues are, their names, staff numbers and private
 *   numbers, internal systems and documents, and the company's own patterns (internal ticket ids…);
 * - R-NO-UNRELEASED: the name of an activity or article that is not published yet, or an activity
 *   told by its timing (下个月会推出…);
 * - R-POLITE (a reply only, medium): a short reply without any polite form.
 *
 * The built-in wording is in compliance-patterns.ts.
 *
 * A policy is compiled once ({@link compileChecker}); checking a 500-character reply takes
 * microseconds (bench: `npm run bench`).
 */
import { z } from 'zod';
import { BUCK_PASSING, CURT_MAX_LETTERS, FUTURE_LAUNCH, INTERNAL_DOCS, POLITE_FORMS, PRIVATE_CONTACT, RHETORICAL, RUDE, SARCASM, SHIFTS, STAFF_NUMBER, WHEREABOUTS } from './compliance-patterns.js';

export type ComplianceRule = 'R-DONT-SAY' | 'R-NO-ABUSE' | 'R-NO-HANGUP' | 'R-NO-LINKS' | 'R-NO-INTERNAL' | 'R-NO-UNRELEASED' | 'R-POLITE';
export const COMPLIANCE_RULES: readonly ComplianceRule[] = ['R-DONT-SAY', 'R-NO-ABUSE', 'R-NO-HANGUP', 'R-NO-LINKS', 'R-NO-INTERNAL', 'R-NO-UNRELEASED', 'R-POLITE'];

/** High: sending needs a reason (logged for the team lead). Medium: shown, not blocking. */
export type Severity = 'high' | 'medium';

/**
 * A reply recorded or sent despite a high-severity finding (issue: phrases, item 4): which field,
 * what was found, and the agent's reason, logged with the visit for the team lead.
 */
export const OVERRIDE_FIELDS = ['description', 'resolution', 'reply'] as const;
export const LogOverrideSchema = z
  .object({
    visitId: z.number().int().positive().nullable(),
    field: z.enum(OVERRIDE_FIELDS),
    findings: z
      .array(z.object({ rule: z.enum(COMPLIANCE_RULES as [ComplianceRule, ...ComplianceRule[]]), match: z.string().min(1).max(200) }).strict())
      .min(1)
      .max(20),
    reason: z.string().trim().min(2, 'give a reason (at least 2 characters)').max(200),
  })
  .strict();
export type LogOverride = z.infer<typeof LogOverrideSchema>;
export interface ComplianceOverride extends LogOverride {
  readonly id: number;
  readonly at: number;
  readonly agent: string;
}

export interface Finding {
  readonly rule: ComplianceRule;
  readonly severity: Severity;
  /** UTF-16 offsets into the checked text. */
  readonly start: number;
  readonly end: number;
  readonly match: string;
  /** Id of the standard phrase to use instead, when the library has one. */
  readonly suggestion?: string;
}

export interface CompliancePolicy {
  /** Distinctive parts of counter-examples, each with the phrase id to suggest (from the library). */
  readonly forbidden: readonly { readonly text: string; readonly suggestion: string }[];
  /** Hosts links may point to (subdomains included), e.g. example.com. */
  readonly officialHosts: readonly string[];
  /** Colleagues' names, never given to a customer. */
  readonly staffNames: readonly string[];
  /** Extra internal-information patterns (regular expressions, case-insensitive). */
  readonly internalPatterns: readonly string[];
  /** Names of activities and articles not launched yet. */
  readonly unreleased: readonly string[];
}

const compiles = (p: string) => {
  try {
    new RegExp(p, 'iu');
    return true;
  } catch {
    return false;
  }
};

/** The company's part of the policy (settings `compliance`); counter-examples come from the phrase library. */
export const ComplianceSettingsSchema = z
  .object({
    officialHosts: z.array(z.string().regex(/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, 'a host name such as example.com')).max(100),
    staffNames: z.array(z.string().trim().min(2).max(20)).max(1000),
    internalPatterns: z.array(z.string().min(1).max(200).refine(compiles, 'not a valid regular expression')).max(100),
    unreleased: z.array(z.string().trim().min(2).max(50)).max(500),
    /** R-ESCALATE-SENSITIVE: words in the customer's words that raise the early warning. */
    sensitiveWords: z.array(z.string().trim().min(1).max(20)).min(1).max(500),
  })
  .strict();
export type ComplianceSettings = z.infer<typeof ComplianceSettingsSchema>;

export interface CheckContext {
  /** The agent's own staff number may be given ("1001 号为您服务"). */
  readonly agentId?: string;
  /** The text is a reply the customer reads (a chat reply), not a note: R-POLITE applies. */
  readonly reply?: boolean;
}

export type Checker = (text: string, context?: CheckContext) => Finding[];

// a link: a scheme, or a host with a common top-level domain; stops at Han characters and spaces
const LINK = /(?:(?:https?|ftp):\/\/([^\s/?#，。！？、“”（）()<>]+)[^\s，。！？、“”（）()<>]*|(?<![\w.@-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|cn|net|org|info|top|xyz|cc|io|me|vip|shop|club|site|online|co|hk|tw|ly|gl|link|app)(?::\d+)?)(?![a-z0-9-])(?:\/[^\s，。！？、“”（）()<>]*)?)/giu;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function isOfficial(host: string, official: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  return official.some((o) => h === o || h.endsWith(`.${o}`));
}

/** Compiles a policy into a checker: every pattern built once, reused for every text. */
export function compileChecker(policy: CompliancePolicy): Checker {
  const official = policy.officialHosts.map((h) => h.toLowerCase());
  const literal = (words: readonly string[]) => (words.length === 0 ? null : new RegExp(words.map(escapeRegExp).sort((a, b) => b.length - a.length).join('|'), 'giu'));
  const forbidden = literal(policy.forbidden.map((f) => f.text));
  const suggestionOf = new Map(policy.forbidden.map((f) => [f.text.toLowerCase(), f.suggestion]));
  const rude = literal(RUDE);
  const staff = literal(policy.staffNames);
  const unreleased = literal(policy.unreleased);
  const global = (list: readonly RegExp[]) => list.map((r) => new RegExp(r.source, `g${r.flags.replace('g', '')}`));
  const rhetorical = global(RHETORICAL);
  const sarcasm = global(SARCASM);
  const buckPassing = global(BUCK_PASSING);
  const internal = global([SHIFTS, INTERNAL_DOCS, WHEREABOUTS, ...PRIVATE_CONTACT, ...policy.internalPatterns.map((p) => new RegExp(p, 'iu'))]);
  const futureLaunch = global(FUTURE_LAUNCH);
  const staffNumber = new RegExp(STAFF_NUMBER.source, 'gu');

  return (text, context = {}) => {
    const findings: Finding[] = [];
    const add = (rule: ComplianceRule, severity: Severity, m: RegExpMatchArray, suggestion?: string) =>
      findings.push({ rule, severity, start: m.index!, end: m.index! + m[0].length, match: m[0], ...(suggestion ? { suggestion } : {}) });
    const each = (re: RegExp | null, f: (m: RegExpMatchArray) => void) => {
      if (re) for (const m of text.matchAll(re)) f(m);
    };
    each(forbidden, (m) => add('R-DONT-SAY', 'high', m, suggestionOf.get(m[0].toLowerCase())));
    each(rude, (m) => add('R-NO-ABUSE', 'high', m, 'abuse'));
    for (const re of rhetorical) each(re, (m) => add('R-NO-ABUSE', 'medium', m, 'confirm'));
    for (const re of sarcasm) each(re, (m) => add('R-NO-ABUSE', 'medium', m, 'confirm'));
    for (const re of buckPassing) each(re, (m) => add('R-NO-HANGUP', 'high', m, 'internal-department'));
    each(LINK, (m) => {
      const host = m[1] ?? m[2] ?? '';
      if (!isOfficial(host, official)) add('R-NO-LINKS', 'high', m);
    });
    for (const re of internal) each(re, (m) => add('R-NO-INTERNAL', 'high', m, 'internal-department'));
    each(staff, (m) => add('R-NO-INTERNAL', 'high', m, 'internal-department'));
    each(staffNumber, (m) => {
      if (m[1] !== context.agentId) add('R-NO-INTERNAL', 'high', m, 'internal-department');
    });
    each(unreleased, (m) => add('R-NO-UNRELEASED', 'high', m, 'not-offered'));
    for (const re of futureLaunch) each(re, (m) => add('R-NO-UNRELEASED', 'high', m, 'not-offered'));
    // a hint only where nothing else was found: a rude reply is flagged for that
    if (context.reply && findings.length === 0 && isCurt(text)) findings.push({ rule: 'R-POLITE', severity: 'medium', start: 0, end: text.length, match: text.trim(), suggestion: 'anything-else' });
    return dedupe(findings);
  };
}

/** A short reply with no polite form at all (不行。/ 查不到 / 自己看): R-POLITE's 请、您、谢谢、对不起. */
function isCurt(text: string): boolean {
  const letters = Array.from(text).filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
  return letters > 0 && letters <= CURT_MAX_LETTERS && !POLITE_FORMS.test(text);
}

/** One finding per rule and span: a counter-example that is also a rhetorical pattern shows once. */
function dedupe(findings: Finding[]): Finding[] {
  findings.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Finding[] = [];
  for (const f of findings) {
    if (out.some((o) => o.rule === f.rule && o.start <= f.start && f.end <= o.end)) continue;
    out.push(f);
  }
  return out;
}

/** Whether sending must be confirmed with a reason. */
export const blocksSending = (findings: readonly Finding[]): boolean => findings.some((f) => f.severity === 'high');
