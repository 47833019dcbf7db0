/**
 * `npm run bench:monitor`: team-lead monitoring on loopback (issue 17), real Kamailio, customer,
 * agent and lead each in their own Chromium. Written to bench/results/monitor.json.
 *
 * - click → lead hears: the lead's 监听 click (the event's own timestamp) → the first sample of the
 *   monitoring leg's audio above -30 dBFS in the lead's page (an analyser on the playing stream,
 *   read every 2 ms), over RUNS sessions after a warm-up; each one stopped before the next.
 * - the agent desk's CPU while on a customer call, in alternating windows without and with a lead
 *   listening (same call, same run): its page's main thread (CDP Performance TaskDuration), and the
 *   renderer's audio and WebRTC threads (utime+stime from /proc, by thread name), in ms of CPU per
 *   second of wall time; with/without as ratios.
 */
import { expect, type Page } from '@playwright/test';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dialFrom, expectHears, test, type Party } from '../e2e/sip-harness';
import { formTeam } from '../e2e/team-harness';
import { percentile, round } from './stats';

const RUNS = Number(process.env['ZUOXI_BENCH_RUNS'] ?? 20);
const WARMUP = 2;
const WINDOW_MS = Number(process.env['ZUOXI_BENCH_WINDOW_MS'] ?? 8_000);
const WINDOWS = 3;


/** In the lead's page: resolves with ms from the next click on 监听 to the first loud sample of the monitoring audio. */
function armHearing(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { __heard?: Promise<number> };
    w.__heard = new Promise<number>((resolve) => {
      let clickedAt: number | undefined;
      const onClick = (e: Event) => {
        if ((e.target as Element | null)?.closest('[data-testid="monitor"]')) clickedAt = e.timeStamp;
      };
      document.addEventListener('click', onClick, { capture: true });
      let ctx: AudioContext | undefined;
      let analyser: AnalyserNode | undefined;
      const samples = new Float32Array(256);
      const poll = () => {
        if (clickedAt !== undefined && !analyser) {
          const audio = document.querySelector<HTMLAudioElement>('audio[data-zuoxi-monitor]');
          const stream = audio?.srcObject as MediaStream | null | undefined;
          if (stream && stream.getAudioTracks().length > 0) {
            ctx = new AudioContext();
            analyser = ctx.createAnalyser();
            analyser.fftSize = 256;
            ctx.createMediaStreamSource(stream).connect(analyser);
          }
        }
        if (analyser) {
          analyser.getFloatTimeDomainData(samples);
          if (samples.some((x) => Math.abs(x) > 0.0316)) {
            document.removeEventListener('click', onClick, { capture: true });
            void ctx?.close();
            return resolve(performance.now() - clickedAt!);
          }
        }
        setTimeout(poll, 2);
      };
      poll();
    });
  });
}

const heard = (page: Page) => page.evaluate(() => (window as unknown as { __heard: Promise<number> }).__heard);

/** CPU ms of the renderer's audio and WebRTC threads so far, by thread name (Linux /proc). */
function audioThreadsCpuMs(pid: number): number {
  const tick = 1000 / 100; // USER_HZ
  let ticks = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    if (!/audio|webrtc|rtc|realtime/i.test(name)) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
  }
  return ticks * tick;
}

async function rendererPid(party: Party): Promise<number> {
  const cdp = await party.page.context().browser()!.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
  await cdp.detach();
  // the desk's page is the renderer running the call's audio and WebRTC threads (others are spare or internal)
  const renderers = processInfo.filter((p) => p.type === 'renderer').map((p) => ({ pid: p.id, audio: audioThreadsCpuMs(p.id) }));
  const busiest = renderers.sort((a, b) => b.audio - a.audio)[0];
  expect(busiest?.audio).toBeGreaterThan(0);
  return busiest!.pid;
}

/** The agent desk's CPU over one window: main thread and audio threads, ms per second. */
async function cpuWindow(agent: Party, pid: number): Promise<{ mainMsPerS: number; audioMsPerS: number }> {
  const cdp = await agent.page.context().newCDPSession(agent.page);
  await cdp.send('Performance.enable');
  const task = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  const [t0, a0, w0] = [await task(), audioThreadsCpuMs(pid), Date.now()];
  await agent.page.waitForTimeout(WINDOW_MS); // a measuring window, not a wait for an event
  const [t1, a1, w1] = [await task(), audioThreadsCpuMs(pid), Date.now()];
  await cdp.detach();
  const seconds = (w1 - w0) / 1000;
  return { mainMsPerS: (t1 - t0) / seconds, audioMsPerS: (a1 - a0) / seconds };
}

test('monitoring: click to audio, and what a listening lead costs the agent desk', async ({ bed }) => {
  test.setTimeout(900_000);
  const { lead, agent, customer } = await bed.start({ lead: { user: '1000', toneHz: 700 }, agent: { user: '1001', toneHz: 400 }, customer: { user: '1002', toneHz: 1000 } });
  await formTeam(lead, [[agent, '王坐席']]);
  await agent.page.getByRole('tab', { name: '工作台' }).click();
  await dialFrom(customer, '1001');
  await agent.page.getByRole('button', { name: '接听' }).click();
  await expectHears(agent, 1000, '1002');
  await lead.page.getByRole('tab', { name: '工作台' }).click();
  const row = lead.page.getByTestId('roster-row').and(lead.page.locator('[data-user="1001"]'));
  await expect(row).toHaveAttribute('data-status', 'on-call');

  const start = async () => {
    await armHearing(lead.page);
    await row.getByTestId('monitor').click();
    const ms = await heard(lead.page);
    await expect(agent.page.getByTestId('monitored-notice')).toHaveCount(1);
    return ms;
  };
  const stop = async () => {
    await row.getByTestId('stop-monitor').click();
    await expect(row.getByTestId('monitor')).toBeVisible();
    await expect(agent.page.getByTestId('monitored-notice')).toHaveCount(0);
  };

  const clickToHeard: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const ms = await start();
    if (i >= WARMUP) clickToHeard.push(ms);
    await stop();
  }

  const pid = await rendererPid(agent);
  const without: { mainMsPerS: number; audioMsPerS: number }[] = [];
  const withMonitor: { mainMsPerS: number; audioMsPerS: number }[] = [];
  for (let i = 0; i < WINDOWS; i++) {
    without.push(await cpuWindow(agent, pid));
    await start();
    withMonitor.push(await cpuWindow(agent, pid));
    await stop();
  }
  const mean = (xs: { mainMsPerS: number; audioMsPerS: number }[], k: 'mainMsPerS' | 'audioMsPerS') => xs.reduce((s, x) => s + x[k], 0) / xs.length;
  const cpu = {
    windowMs: WINDOW_MS,
    windows: WINDOWS,
    without: { mainMsPerS: round(mean(without, 'mainMsPerS')), audioMsPerS: round(mean(without, 'audioMsPerS')) },
    withMonitor: { mainMsPerS: round(mean(withMonitor, 'mainMsPerS')), audioMsPerS: round(mean(withMonitor, 'audioMsPerS')) },
    ratio: {
      main: round(mean(withMonitor, 'mainMsPerS') / mean(without, 'mainMsPerS'), 2),
      audio: round(mean(withMonitor, 'audioMsPerS') / mean(without, 'audioMsPerS'), 2),
    },
    perWindow: { without, withMonitor },
  };
  const results = {
    at: new Date().toISOString(),
    runs: RUNS,
    clickToHeardMs: { p50: round(percentile(clickToHeard, 50)), p95: round(percentile(clickToHeard, 95)), min: round(Math.min(...clickToHeard)), max: round(Math.max(...clickToHeard)), all: clickToHeard.map((x) => round(x)) },
    agentCpu: cpu,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/monitor.json', `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
  expect(clickToHeard).toHaveLength(RUNS);
});
