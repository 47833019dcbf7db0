/**
 * `npm run bench:chat`: the online channel (issue 18) with 20 concurrent conversations against one,
 * in the same run, on a real Kamailio on loopback. The agent desk in its own Chromium; the customers
 * are web-chat customers (the page's CustomerChat on its guest line), N in one driver page.
 * Written to bench/results/chat.json.
 *
 * - inbound round trip: a customer's message, from `say` to the desk's 200 (the desk stores it on
 *   the main side before it answers); every open conversation's customer at once, one after another.
 * - reply round trip: the agent's Enter in the reply box → the customer's line has the message.
 * - keypress to screen: a key in the reply box → the frame after it is painted (rAF, then a task),
 *   while every open conversation's customer writes every LOAD_EVERY_MS.
 * - the clocks' tick: the desk page's main-thread time (CDP TaskDuration) per second while idle with
 *   N conversations, each with running clocks on the strip and the board.
 */
import { expect, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GUEST_PASSWORD } from '../e2e/customers';
import { hostApi } from '../e2e/host-api';
import { registrationOf, test } from '../e2e/sip-harness';
import { openScriptPage } from './far-end';
import { round, spread } from './stats';

const CONVERSATIONS = 20;
const MESSAGES = Number(process.env['ZUOXI_BENCH_RUNS'] ?? 20);
const REPLIES = 10;
const KEYS = 60;
const KEY_DELAY_MS = 60;
const LOAD_EVERY_MS = 2_000;
const WINDOW_MS = Number(process.env['ZUOXI_BENCH_WINDOW_MS'] ?? 8_000);

type Customers = {
  customers: {
    start(config: object, n: number): Promise<void>;
    say(i: number, text: string): Promise<{ ms: number; status: string }>;
    arrived(i: number, text: string): number | null;
    users(): string[];
    convs(): string[];
  };
};
type DeskProbe = { __keys: number[]; __enterAt: number };

/** A reader of the page's main-thread time so far (ms, CDP TaskDuration); `stop` detaches it. */
async function mainThread(page: Page): Promise<{ read(): Promise<number>; stop(): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return {
    read: async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000,
    stop: () => cdp.detach(),
  };
}

/** CPU time (ms) of a process so far: the desk's host (main side), from /proc. */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, USER_HZ 100
}

test('chat: 20 concurrent conversations against one', async ({ bed }) => {
  test.setTimeout(1_200_000);
  const { pbx, agent } = await bed.start({ agent: { user: '1001', toneHz: 400 } }, [], { guestPassword: GUEST_PASSWORD });
  // room for 20 conversations, and idle clocks long enough that none closes during the run
  const api = await hostApi(agent.host);
  const settings = (await api.call('settings.get', undefined)) as { ok: true; value: { deadlinePolicy: { rules: Record<string, Record<string, unknown>> } } };
  const policy = settings.value.deadlinePolicy;
  const rules = { ...policy.rules, 'idle-prompt': { ...policy.rules['idle-prompt'], duration: '1h' }, 'idle-close': { ...policy.rules['idle-close'], duration: '2h' } };
  expect(await api.call('settings.update', { chatCapacity: { conversations: CONVERSATIONS, onCall: 1 }, deadlinePolicy: { ...policy, rules } })).toMatchObject({ ok: true });
  api.close();
  await agent.page.reload();
  await expect(registrationOf(agent)).toHaveText('已注册');
  await agent.page.evaluate(() => {
    const w = window as unknown as DeskProbe;
    w.__keys = [];
    w.__enterAt = 0;
    document.addEventListener(
      'keydown',
      (e) => {
        if (!(e.target instanceof HTMLTextAreaElement)) return;
        if (e.key === 'Enter') w.__enterAt = performance.timeOrigin + e.timeStamp;
        else {
          const t0 = e.timeStamp;
          requestAnimationFrame(() => {
            const after = new MessageChannel();
            after.port1.onmessage = () => w.__keys.push(performance.now() - t0);
            after.port2.postMessage(0);
          });
        }
      },
      true,
    );
  });

  const driver = await openScriptPage(join(import.meta.dirname, 'chat-customers', 'page.ts'), 440);
  bed.adopt(() => driver.close());
  const d = driver.page;
  await d.evaluate(([config, n]) => (window as unknown as Customers).customers.start(config, n), [{ wsUrl: pbx.wsUrl, domain: pbx.domain, guestPassword: GUEST_PASSWORD, to: '1001' }, CONVERSATIONS] as const);
  const users = await d.evaluate(() => (window as unknown as Customers).customers.users());
  const convs = await d.evaluate(() => (window as unknown as Customers).customers.convs());
  const tabs = agent.page.getByTestId('chat-tab');

  const phase = async (n: number) => {
    // the conversations: each customer's first message opens one
    await agent.page.getByRole('tab', { name: '在线会话' }).click();
    const opened = await d.evaluate(
      async (n) => {
        const c = (window as unknown as Customers).customers;
        const out: string[] = [];
        for (let i = 0; i < n; i++) out.push((await c.say(i, `您好，我是第 ${i + 1} 位客户`)).status);
        return out;
      },
      n,
    );
    expect(opened.every((s) => s === 'delivered')).toBe(true);
    await expect(tabs).toHaveCount(n);

    // inbound round trip: all n customers at once, each message after the last one's 200; and what
    // the burst cost the desk's page and its main side, per message
    const page = await mainThread(agent.page);
    const [page0, host0] = [await page.read(), processCpuMs(agent.host.pid)];
    // ZUOXI_BENCH_PROFILE=DIR: the desk page's CPU profile of each burst, to open in DevTools
    const profiler = process.env['ZUOXI_BENCH_PROFILE'] ? await agent.page.context().newCDPSession(agent.page) : undefined;
    await profiler?.send('Profiler.enable');
    await profiler?.send('Profiler.start');
    const inbound = await d.evaluate(
      async ([n, m]) => {
        const c = (window as unknown as Customers).customers;
        const runs = await Promise.all(
          Array.from({ length: n }, async (_, i) => {
            const ms: number[] = [];
            for (let k = 0; k < m; k++) {
              const r = await c.say(i, `第 ${k + 1} 个问题：宽带怎么又断了？`);
              if (r.status !== 'delivered') throw new Error(`message ${i}/${k} ${r.status}`);
              ms.push(r.ms);
            }
            return ms;
          }),
        );
        return runs.flat();
      },
      [n, MESSAGES] as const,
    );
    if (profiler) {
      const { profile } = await profiler.send('Profiler.stop');
      writeFileSync(join(process.env['ZUOXI_BENCH_PROFILE']!, `chat-burst-${n}.cpuprofile`), JSON.stringify(profile));
      await profiler.detach();
    }
    const burst = { deskPageMsPerMessage: round((await page.read()) - page0, 0) / inbound.length, hostCpuMsPerMessage: (processCpuMs(agent.host.pid) - host0) / inbound.length };

    // the agent works in customer 0's conversation
    await tabs.filter({ hasText: users[0]! }).click();
    const box = agent.page.locator(`[data-testid="conversation"][data-conv="${convs[0]}"]`).getByLabel('回复');
    await expect(box).toBeVisible();

    // keypress to screen, while every open conversation's customer writes every LOAD_EVERY_MS
    await d.evaluate(
      ([n, every]) => {
        const c = (window as unknown as Customers).customers;
        const w = window as unknown as { __load: number[] };
        w.__load = Array.from({ length: n }, (_, i) => window.setInterval(() => void c.say(i, `客户 ${i + 1} 还在等`), every + i * 37));
      },
      [n, LOAD_EVERY_MS] as const,
    );
    await agent.page.evaluate(() => ((window as unknown as DeskProbe).__keys = []));
    await box.click();
    await agent.page.keyboard.type('abcdefghij'.repeat(KEYS / 10), { delay: KEY_DELAY_MS });
    await expect.poll(() => agent.page.evaluate(() => (window as unknown as DeskProbe).__keys.length)).toBe(KEYS);
    const keys = await agent.page.evaluate(() => (window as unknown as DeskProbe).__keys);
    await d.evaluate(() => (window as unknown as { __load: number[] }).__load.forEach((t) => clearInterval(t)));
    await box.fill('');

    // reply round trip: Enter in the reply box → the customer has it
    const replies: number[] = [];
    for (let k = 0; k < REPLIES; k++) {
      const text = `好的，正在为您查询（${n}-${k + 1}）`;
      await box.fill(text);
      await box.press('Enter');
      await expect.poll(() => d.evaluate(([t]) => (window as unknown as Customers).customers.arrived(0, t), [text] as const), { timeout: 15_000 }).not.toBeNull();
      const [sentAt, gotAt] = [await agent.page.evaluate(() => (window as unknown as DeskProbe).__enterAt), await d.evaluate(([t]) => (window as unknown as Customers).customers.arrived(0, t)!, [text] as const)];
      replies.push(gotAt - sentAt);
    }

    // the clocks' tick: idle, the strip and the board showing every conversation's clocks (customer
    // 0 answered: its two idle clocks; every other customer waits: a reply clock each)
    await agent.page.getByRole('tab', { name: '工作台' }).click();
    await expect(agent.page.getByTestId('deadline-board').locator('[data-conv]')).toHaveCount(n + 1);
    const [idle0, w0] = [await page.read(), Date.now()];
    await agent.page.waitForTimeout(WINDOW_MS); // a measuring window, not a wait for an event
    const idleMainMsPerS = ((await page.read()) - idle0) / ((Date.now() - w0) / 1000);
    await page.stop();
    return {
      conversations: n,
      inboundMs: spread(inbound),
      burst: { deskPageMsPerMessage: round(burst.deskPageMsPerMessage, 2), hostCpuMsPerMessage: round(burst.hostCpuMsPerMessage, 2) },
      replyMs: spread(replies),
      keyToScreenMs: spread(keys),
      idleMainMsPerS: round(idleMainMsPerS, 2),
    };
  };

  const one = await phase(1);
  const twenty = await phase(CONVERSATIONS);
  const results = {
    at: new Date().toISOString(),
    messagesPerConversation: MESSAGES,
    one,
    twenty,
    ratio: {
      inboundP50: round(twenty.inboundMs.p50 / one.inboundMs.p50, 2),
      inboundP95: round(twenty.inboundMs.p95 / one.inboundMs.p95, 2),
      replyP50: round(twenty.replyMs.p50 / one.replyMs.p50, 2),
      keyToScreenP95: round(twenty.keyToScreenMs.p95 / one.keyToScreenMs.p95, 2),
      idleMainThread: round(twenty.idleMainMsPerS / one.idleMainMsPerS, 2),
    },
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/chat.json', `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
  expect(twenty.inboundMs.n).toBe(CONVERSATIONS * MESSAGES);
});
