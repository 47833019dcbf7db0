/**
 * `npm run bench:deadlines`: what a countdown tick costs with 1,000 running deadlines on the board, in
 * the real app (browser host, built renderer) in Chromium. The data folder is seeded through the
 * app's own services (complaints with 12 h / 48 h / 2 business-hour clocks, orders with 7-day
 * follow-ups, started over the last 40 hours); the desk then runs for 20 s and every tick's duration
 * is read from its `deadline-tick` performance measures. A board with 10 deadlines is measured in the
 * same run as the baseline. Written to bench/results/deadlines.json.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/db/database';
import { DeadlinesRepo } from '../../electron/db/deadlines.repo';
import { SettingsRepo } from '../../electron/db/settings.repo';
import { visitStores } from '../../electron/db/visit-stores';
import { DeadlinesService } from '../../electron/services/deadlines.service';
import { DATABASE_FILE } from '../../electron/services/paths';
import { loadDefaultSettings, SettingsService } from '../../electron/services/settings.service';
import { VisitsService } from '../../electron/services/visits.service';
import { clockStatus, durationMs } from '../../shared/deadlines';
import { openDesk, startHost, stopHost } from '../e2e/harness';

const SAMPLE_MS = 20_000;
const HOUR = 3_600_000;

/** Seeds `count` running deadlines; the ones already amber or red are marked as told, so the run measures ticks, not notifications. */
function seed(dataDir: string, count: number): number {
  const db = openDatabase({ path: join(dataDir, DATABASE_FILE) });
  const settings = new SettingsService(new SettingsRepo(db), loadDefaultSettings(join(process.cwd(), 'resources')));
  settings.seedDefaults();
  const now = Date.now();
  const deadlines = new DeadlinesService(new DeadlinesRepo(db), settings, () => now);
  const visits = new VisitsService(visitStores(db), settings, () => '1001', deadlines, { now: () => now, tzOffset: () => -480 });
  for (let i = 0; deadlines.running().length < count; i++) {
    const startedAt = now - Math.round(((i * 7919) % 1000) / 1000 * 40 * HOUR);
    const v = visits.open({ channel: 'hotline', direction: 'inbound', customerNumber: `1380000${String(i).padStart(4, '0')}`, startedAt, callId: `bench-${i}` });
    const order = i % 2 === 1 || deadlines.running().length > count - 3;
    visits.update(v.id, order ? { category: 'order', status: 'resolved', description: `订购宽带套餐 ${i}` } : { category: 'complaint', complexity: 'simple', description: `宽带断网投诉 ${i}` });
  }
  const { rules, businessHours } = settings.get().deadlinePolicy;
  for (const d of deadlines.running()) {
    const level = clockStatus(d, now, durationMs(rules[d.clock].dueSoon), businessHours).level;
    if (level === 'due-soon' || level === 'breached') deadlines.alerted(d.id, 'due-soon');
    if (level === 'breached') deadlines.alerted(d.id, 'breached');
  }
  const n = deadlines.running().length;
  db.close();
  return n;
}

async function measureTicks(page: Page, count: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'zuoxi-bench-deadlines-'));
  const seeded = seed(dataDir, count);
  const { host, child } = await startHost(dataDir);
  try {
    await openDesk(page, host.url);
    await expect(page.getByTestId('deadline-row').first()).toBeVisible();
    await page.waitForTimeout(2_000); // settle: first paint, lazily loaded chunks
    // the page's whole main-thread time (script, style, layout, paint), from Chromium's own counters
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const busy = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
      return { task: get('TaskDuration'), script: get('ScriptDuration'), style: get('RecalcStyleDuration'), layout: get('LayoutDuration') };
    };
    // steady state: the one major collection after loading the list (~90 ms once with 1,000, seen in a
    // CPU profile) is done before the window opens instead of landing in it
    await cdp.send('HeapProfiler.collectGarbage');
    await page.evaluate(() => performance.clearMeasures('deadline-tick'));
    const before = await busy();
    await page.waitForTimeout(SAMPLE_MS);
    const after = await busy();
    const ticks = await page.evaluate(() => performance.getEntriesByName('deadline-tick').map((e) => e.duration));
    const perSecond = (k: keyof typeof before) => Math.round(((after[k] - before[k]) / (SAMPLE_MS / 1000)) * 1000) / 1000;
    const sorted = [...ticks].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    const round = (x: number) => Math.round(x * 1000) / 1000;
    return {
      deadlines: seeded,
      rowsDrawn: await page.getByTestId('deadline-row').count(),
      ticks: ticks.length,
      /** the tick's own script time (performance.measure; Chromium rounds to 0.1 ms) */
      tick: { meanMs: round(ticks.reduce((a, b) => a + b, 0) / ticks.length), p50Ms: round(at(0.5)), p95Ms: round(at(0.95)), maxMs: round(sorted.at(-1)!) },
      /** everything the page's main thread did per second while it ticked: script, style, layout and the rest */
      mainThreadMsPerSecond: { task: perSecond('task'), script: perSecond('script'), style: perSecond('style'), layout: perSecond('layout') },
    };
  } finally {
    await stopHost(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

test('deadline board: tick cost with 1,000 running deadlines', async ({ page }) => {
  test.setTimeout(180_000);
  const baseline = await measureTicks(page, 10);
  const board = await measureTicks(page, 1000);
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    sampleSeconds: SAMPLE_MS / 1000,
    target: 'tick < 2 ms with 1,000 deadlines',
    board,
    baseline,
    /** main-thread time per second with 1,000 deadlines over the same with 10 */
    ratioTask: Math.round((board.mainThreadMsPerSecond.task / baseline.mainThreadMsPerSecond.task) * 100) / 100,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/deadlines.json', `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
  expect(board.deadlines).toBe(1000);
  expect(board.ticks).toBeGreaterThanOrEqual(SAMPLE_MS / 1000 - 2);
  expect(board.tick.meanMs).toBeLessThan(2);
});
