/**
 * `npm run bench:visits`: the visit log at scale, written to bench/results/visits.json.
 * N visits (default 1,000,000; ZUOXI_BENCH_VISITS to change) of generated, realistic Chinese text are
 * loaded through the repository's own write path (open → update → audit → follow-ups → index), 5,000
 * per transaction; then list / filter / page / search / history latencies over random parameters,
 * the weekly report, and the database size. The app's own path (one transaction per save) is timed
 * separately on fresh databases, with synchronous=FULL (what ships) against NORMAL (the baseline).
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/database';
import { SettingsRepo } from '../../electron/db/settings.repo';
import { visitStores } from '../../electron/db/visit-stores';
import { loadDefaultSettings, SettingsService } from '../../electron/services/settings.service';
import { VisitsService } from '../../electron/services/visits.service';
import { type VisitFields } from '../../shared/visits';
import { DeadlinesRepo } from '../../electron/db/deadlines.repo';
import { DeadlinesService } from '../../electron/services/deadlines.service';

const N = Number(process.env['ZUOXI_BENCH_VISITS'] ?? 1_000_000);
const BATCH = 5_000;
const DAY = 86_400_000;
const T_END = Date.UTC(2026, 10, 22);
const SPAN_DAYS = 365;

/** mulberry32: a small seeded PRNG, so every run generates the same data. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(20261122);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const PLACES = ['北京市朝阳区', '上海市浦东新区', '广州市天河区', '深圳市南山区', '成都市武侯区', '杭州市西湖区', '武汉市洪山区', '西安市雁塔区', '南京市鼓楼区', '重庆市渝中区'];
const PRODUCTS = ['宽带', '手机套餐', '流量包', '固定电话', '网络电视', '5G套餐', '会员权益', '国际漫游', '家庭融合套餐', '光猫'];
const PROBLEMS = ['断网', '网速很慢', '无法登录', '扣费异常', '账单有误', '信号很差', '无法开机', '需要重置密码', '申请退款', '想更换套餐', '对服务态度不满', '办理停机', '积分无法兑换', '发票没有收到'];
const DETAILS = ['已经持续三天', '要求尽快处理', '客户情绪比较激动', '希望安排上门维修', '询问具体资费', '要求给予赔偿', '之前已多次来电', '需要回电确认', '对处理结果表示满意', '希望本周内解决'];
const RESOLUTIONS = ['已派单至维修部门', '已为客户重置密码', '已解释资费标准', '已提交退款申请', '已升级至班长处理', '已记录客户建议', '已安排工程师上门', '已核实账单并调整', '客户表示理解', ''];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const CATEGORIES = ['consult', 'order', 'complaint', 'suggestion', 'repair', 'other'];
const STATUSES: VisitFields['status'][] = ['open', 'pending-department', 'resolved', 'resolved', 'closed', 'closed'];
const AGENTS = Array.from({ length: 40 }, (_, i) => String(1001 + i));

const percentiles = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => +s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!.toFixed(3);
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: +s.at(-1)!.toFixed(3) };
};
const time = (fn: () => unknown) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};

function settingsFor(db: ReturnType<typeof openDatabase>) {
  const settings = new SettingsService(new SettingsRepo(db), loadDefaultSettings(join(__dirname, '../../resources')));
  settings.seedDefaults();
  return settings;
}

function generate(i: number) {
  const startedAt = T_END - Math.floor(rand() * SPAN_DAYS * DAY);
  const answered = rand() < 0.92;
  return {
    open: {
      channel: rand() < 0.8 ? ('hotline' as const) : ('online' as const),
      direction: rand() < 0.85 ? ('inbound' as const) : ('outbound' as const),
      customerNumber: `1${pick(['38', '39', '50', '86', '35'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
      customerName: `${pick(SURNAMES)}${rand() < 0.5 ? '先生' : '女士'}`,
      startedAt,
      ...(answered ? { answeredAt: startedAt + Math.floor(rand() * 30_000) } : {}),
      callId: `bench-${i}`,
    },
    fields: {
      category: pick(CATEGORIES),
      status: pick(STATUSES),
      description: `${pick(PLACES)}客户反映${pick(PRODUCTS)}${pick(PROBLEMS)}，${pick(DETAILS)}。`,
      resolution: pick(RESOLUTIONS),
    } satisfies Partial<VisitFields>,
    endedAt: startedAt + 60_000 + Math.floor(rand() * 600_000),
    owner: pick(AGENTS),
  };
}

it(`visit log with ${N.toLocaleString('en')} visits`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'zuoxi-bench-visits-'));
  try {
    // 1. the app's own write path (open, end of call, save: one transaction each), with what ships
    // (synchronous=FULL: a commit is on disk before it is acknowledged) against NORMAL as the
    // baseline, in alternating rounds on two fresh databases so machine noise hits both alike
    const desk = (file: string, synchronous: 'FULL' | 'NORMAL') => {
      const db = openDatabase({ path: join(dir, file) });
      db.pragma(`synchronous = ${synchronous}`);
      const settings = settingsFor(db);
      return { db, service: new VisitsService(visitStores(db), settings, () => '1001', new DeadlinesService(new DeadlinesRepo(db), settings)) };
    };
    const desks = { full: desk('app-full.sqlite3', 'FULL'), normal: desk('app-normal.sqlite3', 'NORMAL') };
    const APP_PATH = 5_000;
    const ROUND = 500;
    const spent = { full: 0, normal: 0 };
    for (let from = 0; from < APP_PATH; from += ROUND) {
      for (const mode of ['full', 'normal'] as const) {
        const { service } = desks[mode];
        spent[mode] += time(() => {
          for (let i = from; i < from + ROUND; i++) {
            const g = generate(i);
            const v = service.open({ ...g.open, callId: `${mode}-${i}` });
            service.callEnded(v.id, g.endedAt);
            service.update(v.id, g.fields);
          }
        });
      }
    }
    desks.full.db.close();
    desks.normal.db.close();
    const appPathMs = spent.full;

    // 2. bulk load through the repository, BATCH per transaction
    const db = openDatabase({ path: join(dir, 'visits.sqlite3') });
    const settings = settingsFor(db);
    const categories = settings.get().visitCategories;
    const stores = visitStores(db);
    const repo = stores.visits;
    const deadlines = new DeadlinesService(new DeadlinesRepo(db), settings);
    const load = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const g = generate(i);
        const { visit } = repo.open(g.open, g.owner, g.open.startedAt);
        repo.setEndedAt(visit.id, g.endedAt);
        const after = repo.update(visit.id, g.fields, g.open.startedAt + 1);
        stores.audit.add(visit.id, g.open.startedAt + 1, g.owner, { description: ['', g.fields.description] });
        deadlines.syncVisit(after, categories.find((c) => c.id === after.category), g.open.startedAt);
      }
    });
    const loadMs = time(() => {
      for (let from = 0; from < N; from += BATCH) load(from, Math.min(N, from + BATCH));
    });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('optimize');

    const SAMPLES = 200;
    const sample = (make: () => () => unknown) => percentiles(Array.from({ length: SAMPLES }, () => time(make())));
    const week = () => {
      const to = T_END - Math.floor(rand() * 300) * DAY;
      return { from: to - 7 * DAY, to };
    };
    const numbers = Array.from({ length: SAMPLES }, (_, i) => (db.prepare('SELECT customer_number AS n FROM visits WHERE id = ?').get(1 + Math.floor(((i + 0.5) / SAMPLES) * N)) as { n: string }).n);
    let k = 0;
    const queries = {
      newestPage: sample(() => () => repo.list({}, Math.floor(rand() * 50) * 50, 50)),
      categoryAndStatusPage: sample(() => () => repo.list({ category: pick(CATEGORIES), status: pick(STATUSES) }, Math.floor(rand() * 10) * 50, 50)),
      weekRangePage: sample(() => () => repo.list(week(), 0, 50)),
      ownerInWeek: sample(() => () => repo.list({ owner: pick(AGENTS), ...week() }, 0, 50)),
      numberPrefix: sample(() => () => repo.list({ customerNumber: pick(numbers).slice(0, 7) }, 0, 50)),
      historyByNumber: sample(() => () => repo.list({ customerNumber: numbers[k++ % numbers.length]!, exactNumber: true }, 0, 20)),
      searchTwoChars: sample(() => () => repo.list({ text: pick(['宽带', '退款', '密码', '账单', '信号', '发票']) }, 0, 50)),
      searchPhrase: sample(() => () => repo.list({ text: pick(['上门维修', '扣费异常', '服务态度', '无法登录', '积分无法兑换']) }, 0, 50)),
      searchWithCategory: sample(() => () => repo.list({ text: pick(['宽带', '断网', '退款']), category: pick(CATEGORIES) }, 0, 50)),
    };
    const weeklyReport = () => {
      const w = week();
      return time(() => stores.reports.report(w.from, w.to));
    };
    const coldReportMs = weeklyReport();
    const reportMs = percentiles(Array.from({ length: 20 }, weeklyReport));
    const hits = repo.list({ text: '宽带' }, 0, 1);
    expect(hits.total).toBeGreaterThan(0);
    const dbBytes = statSync(join(dir, 'visits.sqlite3')).size;
    db.close();

    const results = {
      when: new Date().toISOString(),
      visits: N,
      appPath: {
        visits: APP_PATH,
        visitsPerSecond: Math.round(APP_PATH / (appPathMs / 1000)),
        baselineNormalVisitsPerSecond: Math.round(APP_PATH / (spent.normal / 1000)),
        fullOverNormalTime: +(spent.full / spent.normal).toFixed(2),
        note: 'open + end of call + save, one transaction each, as the desk does; synchronous=FULL (shipped) vs NORMAL (baseline), alternating rounds',
      },
      bulkLoad: { seconds: +(loadMs / 1000).toFixed(1), visitsPerSecond: Math.round(N / (loadMs / 1000)), batch: BATCH },
      queryMs: queries,
      weeklyReportMs: { first: +coldReportMs.toFixed(1), ...reportMs },
      dbBytes,
      bytesPerVisit: Math.round(dbBytes / N),
      targets: { pageAndFilterP99Ms: 20, searchP99Ms: 50, weeklyReportMs: 300 },
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/visits.json', `${JSON.stringify(results, null, 2)}\n`);
    console.log(JSON.stringify(results, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 3_600_000);
