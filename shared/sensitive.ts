/**
 * The early warning (R-ESCALATE-SENSITIVE): what in a customer's words means the team lead must hear
 * of it at once. Seed 000 lists words (记者、主持人、报社、节目、栏目组、社会名人、曝光、媒体、工商局、
 * 上门拜访、找领导、报警、找负责人); a customer says the same things in other words and names the
 * authorities by their hotlines, and several of the listed words also name ordinary things (a TV
 * 节目 to subscribe to, a smoke 报警器, 工商银行). So the warning goes by families of patterns, each
 * with the context that keeps benign uses out, and the company's own list adds literal words:
 *
 * - media: reporters, papers, programmes' crews, exposure, posting it online for all to see;
 * - authority: complaint authorities, their hotlines and their names (12315, 消协, 市场监管局…);
 * - legal: lawyers, lawsuits, courts, the police;
 * - superior: demanding a manager or whoever is in charge, in any words, or coming to the office.
 *
 * Written from the seed's words and the project's own examples (test/fixtures/compliance), never
 * from held-out text.
 */

export type SensitiveFamily = 'media' | 'authority' | 'legal' | 'superior' | 'custom';
export const SENSITIVE_FAMILIES: readonly SensitiveFamily[] = ['media', 'authority', 'legal', 'superior', 'custom'];

const FAMILY_PATTERNS: readonly { readonly family: Exclude<SensitiveFamily, 'custom'>; readonly pattern: RegExp }[] = [
  {
    family: 'media',
    pattern:
      /记者|报社|报纸上|电视台|栏目组|主持人|社会名人|(?<![多自])媒体(?!播放|文件|课)|曝光|上(?:新闻|电视|热搜|头条)|(?:找|联系|打给|上|让)[^。！？?!，,]{0,4}(?:节目|栏目)|(?:发|挂|放)(?:到|在)?(?:微博|抖音|朋友圈|网上|小红书|论坛|头条)(?:上)?(?:去)?(?:曝光|让(?:大家|所有人|网友)|给大家|评评?理|揭露|说说)|(?:让|叫)(?:大家|网友|全网|所有人)(?:都)?(?:知道|看看|评评?理)/gu,
  },
  {
    family: 'authority',
    pattern:
      /(?<!\d)(?:12315|12345|12321|12363|12378|12358)(?!\d)|(?:打|拨|找|向|上)(?<!\d)315(?!\d)|315晚会|消协|消费者协会|工商(?:局|所|部门)|市场监(?:督)?管(?:理)?局|市监局|银保监(?:会|局)?|保监(?:会|局)|银监(?:会|局)|证监会|金融监管(?:总局|局)?|人民银行|(?<!\p{Script=Han})人行(?!道|横道)|通信管理局|工信部|信访(?:办|局)?|质监局|物价局|监管部门|政府热线|市长热线|(?:有关|相关|政府)部门(?:投诉|举报|反映)|(?:投诉|举报)到(?:有关|相关|政府)部门/gu,
  },
  {
    family: 'legal',
    pattern:
      /律师(?:函)?|起诉|上诉|(?<![警转忠报广预])告(?:你们|你|到法院|上法庭)|法院|打官司|诉讼|仲裁|法律(?:途径|手段|程序)|报警(?!器|装置|系统|灯|功能|声|记录|信息|电话)|(?<!\d)110(?!\d)|派出所|公安局?|警察/gu,
  },
  {
    family: 'superior',
    pattern:
      /找(?:你们|你|个|一个)?(?:的)?(?:领导|负责人|经理|主管|老板|上级|管事的|能做主的|说了算的)|(?:叫|让|换)(?:你们|你)?(?:的)?(?:领导|负责人|经理|主管|老板|上级|管事的|能做主的人?|说了算的人?)(?:来|过来|接电话|跟我说|出来)?|(?:你们)(?:领导|经理|主管|负责人|老板)(?:呢|在哪|电话|是谁)|换(?:个|一个)(?:人|客服|能说了算的)|(?:你|你们)(?:做|作)不了主|转(?:给)?(?:你们)?(?:的)?(?:领导|经理|主管|上级)|上门(?:拜访|找你们|讨说法)|(?:去|到)你们公司(?:找|讨说法|闹)/gu,
  },
];

/**
 * The seed's words the families cover in context: in the company's list they are handled by their
 * family's pattern (a TV 节目 does not warn), not looked up literally.
 */
export const FAMILY_WORDS: readonly string[] = ['记者', '主持人', '报社', '节目', '栏目组', '社会名人', '曝光', '媒体', '工商局', '上门拜访', '找领导', '报警', '找负责人'];

export interface SensitiveMatch {
  readonly family: SensitiveFamily;
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

/** Every warning in a customer's text, by family, in order; `companyWords` (settings) add literal ones. */
export function findSensitive(text: string, companyWords: readonly string[]): SensitiveMatch[] {
  const out: SensitiveMatch[] = [];
  for (const { family, pattern } of FAMILY_PATTERNS) for (const m of text.matchAll(pattern)) out.push({ family, word: m[0], start: m.index, end: m.index + m[0].length });
  for (const word of companyWords) {
    if (!word || FAMILY_WORDS.includes(word)) continue;
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) {
      if (!out.some((o) => o.start <= i && i + word.length <= o.end)) out.push({ family: 'custom', word, start: i, end: i + word.length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The matches by family, each word once: what the warning shows and the escalation carries. */
export function sensitiveByFamily(matches: readonly SensitiveMatch[]): { family: SensitiveFamily; words: string[] }[] {
  return SENSITIVE_FAMILIES.map((family) => ({ family, words: [...new Set(matches.filter((m) => m.family === family).map((m) => m.word))] })).filter((g) => g.words.length > 0);
}
