/**
 * The compliance checker (pure, no I/O): what an agent is about to send or record, checked against
 * the service code (seed-rules.md). Each finding names its rule, the span in the text, and the
 * standard phrase to use instead where there is one.
 *
 * - R-DONT-SAY: the "不可以说" counter-examples of the phrase library (their distinctive parts);
 * - R-NO-ABUSE: rude words, and rhetorical / interrogating / sarcastic questions (反问、质问、讽刺);
 * - R-NO-LINKS: a link whose host is not official (the host or a subdomain of an allowed one);
 * - R-NO-INTERNAL: shift schedules, colleagues' names and staff numbers, internal systems and
 *   documents, and the company's own patterns (internal ticket ids…);
 * - R-NO-UNRELEASED: the name of an activity or article that is not published yet.
 *
 * A policy is compiled once ({@link compileChecker}); checking a 500-character reply takes
 * microseconds (bench: `npm run bench`).
 */
import { z } from 'zod';

export type ComplianceRule = 'R-DONT-SAY' | 'R-NO-ABUSE' | 'R-NO-LINKS' | 'R-NO-INTERNAL' | 'R-NO-UNRELEASED';
export const COMPLIANCE_RULES: readonly ComplianceRule[] = ['R-DONT-SAY', 'R-NO-ABUSE', 'R-NO-LINKS', 'R-NO-INTERNAL', 'R-NO-UNRELEASED'];

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
}

export type Checker = (text: string, context?: CheckContext) => Finding[];

const RUDE = ['神经病', '有病吧', '你有病', '脑子有问题', '脑子进水', '笨蛋', '白痴', '蠢货', '滚蛋', '滚开', '你给我滚', '闭嘴', '废话', '你烦不烦', '爱买不买', '爱办不办', '爱信不信', '活该', '找死', '去死', '他妈的', '妈的'];

/** 反问、质问、讽刺: questions that blame or mock the customer. */
const RHETORICAL = [
  /难道[^。！？?!]{0,30}(?:吗|不成)/u,
  /你(?:是)?不是(?:听不懂|不识字|没长眼|傻)/u,
  /(?:跟|和|给)?你(?:都)?说(?:了|过)(?:多少|好几|几|很多|无数)[次遍]/u,
  /(?:不是|早就?|都)(?:已经)?(?:跟你|和你|告诉过?你)(?:说过?)?了(?:吗|吧)?/u,
  /你(?:自己)?不会(?:自己)?(?:看|查|去)[^。！？?!]{0,8}(?:吗|啊|么)/u,
  /这(?:都|也|么简单的[^。！？?!]{0,4})不(?:知道|懂|会)/u,
  /你怎么(?:连|还)[^。！？?!]{0,10}(?:都|也)?不(?:知道|懂|会|明白|记得|清楚)/u,
  /你到底(?:想|要)(?:怎么样|干什么|干嘛|怎样)/u,
  /有没有(?:搞错|脑子)/u,
  /你听不懂(?:吗|啊|中文|人话)?/u,
  /还用(?:问|说)(?:吗|嘛)/u,
  /我怎么(?:会)?知道/u,
  /(?:关|管)我什么事|跟我有什么关系|不关我的事|关我屁事/u,
  /你爱(?:怎么|咋)(?:样|办|投诉)/u,
  /你(?:觉得|以为)(?:我们这里|我们|这里)是[^。！？?!]{0,8}(?:吗|啊)/u,
];

const SHIFTS = /(?:排班表?|值班表|班表|轮休表?|调班|(?:早|中|晚|夜)班(?:安排|表|是谁))|(?:今天|明天|后天|周[一二三四五六日天]|星期[一二三四五六日天])(?:是)?(?:谁|哪位)(?:在)?(?:值班|上班)/u;
const INTERNAL_DOCS = /内部(?:系统|资料|文件|通知|群|规定|消息|数据|流程|考核|截图)|后台(?:系统|数据|截图)|(?:系统|后台|查询结果)截图(?:给|发)/u;
const STAFF_NUMBER = /(?:工号|员工号|员工编号)\s*[:：是为]?\s*(\d{3,})/u;

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
  const rhetorical = RHETORICAL.map((r) => new RegExp(r.source, 'gu'));
  const internal = [SHIFTS, INTERNAL_DOCS, ...policy.internalPatterns.map((p) => new RegExp(p, 'iu'))].map((r) => new RegExp(r.source, `g${r.flags.replace('g', '')}`));
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
    return dedupe(findings);
  };
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

/** Sensitive words in the customer's words (R-ESCALATE-SENSITIVE), each with its span, in order. */
export function findSensitive(text: string, words: readonly string[]): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  for (const word of words) {
    if (!word) continue;
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) out.push({ word, start: i, end: i + word.length });
  }
  return out.sort((a, b) => a.start - b.start);
}
