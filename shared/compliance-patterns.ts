/**
 * The checker's built-in wording, by rule (seed-rules.md; seed 000's 敏感项 and 002's 规范). Written
 * from the seeds' own words and the project's own examples, never from held-out text; each list has
 * its counter-examples in test/fixtures/compliance (the benign sentences it must not flag). The
 * company's own lists (names, patterns, activities) come from settings; these are the same for all.
 */

/** R-NO-ABUSE, high: rude words. */
export const RUDE = ['神经病', '有病吧', '你有病', '脑子有问题', '脑子进水', '笨蛋', '白痴', '蠢货', '滚蛋', '滚开', '你给我滚', '闭嘴', '废话', '你烦不烦', '爱买不买', '爱办不办', '爱信不信', '活该', '找死', '去死', '他妈的', '妈的'];

/** R-NO-ABUSE, medium: 反问、质问 — questions that blame the customer. */
export const RHETORICAL = [
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

/** R-NO-ABUSE, medium: 讽刺 — sarcasm, condescension and exasperation without a rude word. */
export const SARCASM = [
  /这(?:么)?(?:点|么)小事(?:也|都)?(?:要|来|值得)?(?:打电话|打过来|来问|问|投诉|找我们)/u,
  /这(?:是|都是|属于)(?:基本)?常识/u,
  /谁都知道|谁不知道|三岁(?:小孩|孩子)都(?:知道|懂|会)/u,
  /说了(?:你)?也(?:不懂|听不懂|白说)/u,
  /(?:我)?真(?:是)?服了(?:你)?/u,
  /你(?:可)?真(?:行|厉害|有意思|能耐|会想|聪明)(?:啊|呀|呢|哈)/u,
  /我也是醉了|无语了|(?<![\p{L}])呵呵|你开心就好|爱咋咋地|随(?:便|你)(?:你)?(?:吧|怎么想|怎么说)/u,
  /行行行|好好好[，,]?\s*(?:你|您)说(?:得|的)(?:都)?对/u,
  /不然呢|那你想(?:怎么样|怎样|咋样)|你还想(?:怎么样|怎样|咋样)/u,
  /(?:麻烦|拜托)(?:你|您)?(?:自己)?(?:看清楚|看仔细|听清楚|认真看看?)(?:再说|好吗|行吗)?/u,
  /(?:这|都)(?:已经)?(?:是)?第(?:几|多少)(?:遍|次)了/u,
  /我(?:能|又能)(?:怎么办|有什么办法)/u,
];

/**
 * R-NO-HANGUP, high: 推诿 — pushing the problem or its blame onto someone else (seed 000: 不得将问题或
 * 责任推给别人). Saying who will handle it and that the agent follows it up is not 推诿.
 */
export const BUCK_PASSING = [
  /(?:这|那)(?:个|种|件)?(?:事|问题|业务|情况)?(?:不归|不是)我(?:们)?(?:这边|这里|部门)?(?:管|负责|的事|的问题|的业务|处理的)/u,
  /(?:你|您)(?:自己)?(?:去|再)?找(?:别人|别的部门|其他部门|其他人|他们|厂家|快递公司?|卖家|商家)(?:去)?(?:问|处理|解决|吧|问问|去)/u,
  /(?:管不了|处理不了|解决不了|没法管|没办法管)(?![^。！？?!]{0,12}(?:帮您|为您|给您|替您|我们会|我会))/u,
  /(?:那|这)是(?:别的部门|其他部门|他们|厂家|快递|物流|银行|技术部|财务|商家)(?:那边)?的(?:事|问题|责任)/u,
  /(?:跟|和|与)(?:我们|我)(?:公司|这边)?(?:无关|没关系)/u,
  /(?:这|那)(?:又|也)?不是(?:我|我们)(?:的)?(?:责任|错|问题)/u,
  /谁(?:卖|办|答应|承诺)(?:给)?(?:你|您)的(?:你|您)?(?:就)?找谁/u,
  /(?:你|您)(?:自己)?(?:打|拨)(?:别的|其他|那个|他们的)(?:电话|号码)(?:去)?问(?:吧|去)?/u,
];

/** R-NO-INTERNAL, high: shift schedules. */
export const SHIFTS = /(?:排班表?|值班表|班表|轮休表?|调班|(?:早|中|晚|夜)班(?:安排|表|是谁))|(?:今天|明天|后天|周[一二三四五六日天]|星期[一二三四五六日天])(?:是)?(?:谁|哪位)(?:在)?(?:值班|上班)/u;
/** R-NO-INTERNAL, high: internal systems and documents. */
export const INTERNAL_DOCS = /内部(?:系统|资料|文件|通知|群|规定|消息|数据|流程|考核|截图)|后台(?:系统|数据|截图)|(?:系统|后台|查询结果)截图(?:给|发)/u;
/** R-NO-INTERNAL, high: a staff number (the agent's own is allowed: CheckContext.agentId). */
export const STAFF_NUMBER = /(?:工号|员工号|员工编号)\s*[:：是为]?\s*(\d{3,})/u;
/** R-NO-INTERNAL, high: where colleagues are (on leave, away, gone home…). */
export const WHEREABOUTS =
  /(?:他|她|(?:\p{Script=Han}{1,2})?经理|主管|组长|同事|那位同事|负责的同事|那个客服|师傅)(?:今天|这几天|这周|下午|上午|最近|现在|刚才)?(?:已经)?(?:请假|休假|休产假|出差|调休|轮休|下班|离职|辞职|不在岗|不在公司|没来上班|还没上班|去吃饭)(?:了)?/u;
/** R-NO-INTERNAL, high: a colleague's (or the agent's own) private number or account. */
export const PRIVATE_CONTACT = [
  /(?:他|她|经理|主管|组长|同事|师傅|技术员|专员)(?:的)?(?:私人|个人|自己的)?(?:手机|手机号|电话|号码|微信|微信号|QQ)(?:号码)?(?:是|为|：|:)\s*[0-9A-Za-z_-]{5,}/u,
  /(?:我|他|她|经理|主管|组长|同事|师傅)(?:的)?(?:私人|个人)(?:手机|手机号|电话|号码|微信|微信号|QQ)/u,
  /(?:你|您)(?:直接)?加(?:我|他|她)(?:的)?(?:私人|个人)?(?:微信|QQ)/u,
];

/** R-NO-UNRELEASED, high: an activity told by when it will come, not by name. */
export const FUTURE_LAUNCH = [
  /(?:下(?:个)?月|下周|下个星期|月底|年底|明年|下半年|过(?:几|两)天|近期|不久|马上|即将|很快|过段时间|以后)(?:就|会|将|要|可能)?(?:会|要|将)?(?:上线|推出|开通|开放|开始|发布|出|搞|举办|有)(?:一(?:个|波|批|次))?(?:新的?|大)?[^。！？?!，,]{0,10}(?:活动|优惠|促销|功能|套餐|新品|新产品|福利|补贴|折扣|政策|会员日)/u,
  /(?:内部消息|据说|听说|偷偷告诉(?:你|您))[^。！？?!]{0,16}(?:降价|涨价|打折|活动|优惠|推出|上线)/u,
];

/** R-POLITE, medium, on a reply only: short and without any polite form (请、您、谢谢、对不起…). */
export const POLITE_FORMS = /您|请|谢谢|感谢|对不起|抱歉|不好意思|麻烦|好的|稍等|再见|欢迎|辛苦/u;
export const CURT_MAX_LETTERS = 8;
