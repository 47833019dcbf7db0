/**
 * `npm run bench:calls`: call setup and recovery times on loopback, real Kamailio, every party in
 * its own Chromium process. Written to bench/results/calls.json.
 *
 * - setup (INVITE → Established): the caller's first INVITE sent → its ACK of the 200 OK sent,
 *   read off the caller's own WebSocket, the callee answering automatically, over CALLS warm calls
 *   after WARMUP, in three pairings:
 *   - `deskFromFarEnd`: a plain sip.js phone (test/bench/far-end, no app) calls the desk: the desk as
 *     a customer's call meets it;
 *   - `deskToFarEnd`: the desk dials the plain phone (an outbound call);
 *   - `deskToDesk`: two full desks (both apps rendering on the same two cores).
 *   The callee's share (INVITE received → 200 OK sent) and the caller's (challenge, 200 OK → ACK)
 *   are reported apart; the rest is the PBX and the pages' event loops on a shared CPU.
 * - answer-to-audio: the Answer button clicked → the first inbound RTP packet counted by WebRTC.
 * - re-register: Kamailio stopped, restarted on the same port; its port answering → the desk's
 *   REGISTER answered 200, per restart.
 *
 * `ZUOXI_BENCH_PROFILE=1` also writes the caller page's CPU profile per pairing
 * (bench/results/<pairing>-caller.cpuprofile, opens in Chromium's DevTools).
 * `ZUOXI_BENCH_ONLY=deskToFarEnd,answer` runs only the named parts (deskFromFarEnd, deskToFarEnd,
 * deskToDesk, answer, reRegister) and writes bench/results/calls-partial.json instead.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { configureLine, hangUpFrom, registrationOf, startParty, startTestPbx, type Party, type Pbx } from '../e2e/sip-harness';
import { startFarEnd } from './far-end';
import { percentile } from './stats';

const WARMUP = 5;
const CALLS = Number(process.env['ZUOXI_BENCH_CALLS'] ?? 50);
const RESTARTS = 5;
/** Idle time between calls, as on a desk: the previous call's wrap-up rendering must not overlap the next setup. */
const PAUSE_MS = Number(process.env['ZUOXI_BENCH_PAUSE_MS'] ?? 1000);
const ONLY = process.env['ZUOXI_BENCH_ONLY']?.split(',');
const wanted = (part: string) => !ONLY || ONLY.includes(part);
const ACCOUNTS = [
  { user: '1001', password: 'agent-pw-1001' },
  { user: '1002', password: 'cust-pw-1002' },
  { user: '1003', password: 'phone-pw-1003' },
];

type Wire = { t: number; dir: 'in' | 'out'; line: string; callId: string; cseq: string; toTag: boolean };

/** Timestamps every SIP message on the page's WebSocket (wall clock, ms), and main-thread long tasks. */
async function instrumentWire(page: Page): Promise<void> {
  await page.addInitScript(() => {
    // long tasks: how much of the setup time the page's main thread was busy (rendering, not SIP)
    const lt: [number, number][] = [];
    (window as unknown as { __lt: [number, number][] }).__lt = lt;
    new PerformanceObserver((l) => l.getEntries().forEach((e) => lt.push([performance.timeOrigin + e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
    const log: Wire[] = [];
    (window as unknown as { __wire: Wire[] }).__wire = log;
    const parse = (dir: 'in' | 'out', data: unknown) => {
      if (typeof data !== 'string') return;
      const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(data)?.[1]?.trim() ?? '';
      log.push({ t: performance.timeOrigin + performance.now(), dir, line: data.slice(0, data.indexOf('\r\n')), callId: header('Call-ID'), cseq: header('CSeq'), toTag: /;tag=/.test(header('To')) });
    };
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      parse('out', data);
      return send.call(this, data);
    };
    const Original = window.WebSocket;
    window.WebSocket = class extends Original {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('message', (e) => parse('in', e.data));
      }
    };
  });
}

const wire = (page: Page) => page.evaluate(() => (window as unknown as { __wire: Wire[] }).__wire.splice(0));
const longTasks = (page: Page) => page.evaluate(() => (window as unknown as { __lt: [number, number][] }).__lt.splice(0));

/** The caller's view of one call: setup time and its own shares, from its wire log. */
function callerTimes(w: Wire[]) {
  // from the first INVITE (the PBX may challenge it: the retry with credentials is part of setup) to the ACK that follows the 200 OK
  const invite = w.find((m) => m.dir === 'out' && m.line.startsWith('INVITE ') && !m.toTag)!;
  const ok = w.findIndex((m) => m.dir === 'in' && m.line.startsWith('SIP/2.0 200') && m.cseq.endsWith('INVITE') && m.callId === invite.callId);
  const ack = w.slice(ok).find((m) => m.dir === 'out' && m.line.startsWith('ACK ') && m.callId === invite.callId)!;
  const retry = w.find((m) => m.dir === 'out' && m.line.startsWith('INVITE ') && m.callId === invite.callId && m !== invite);
  return { callId: invite.callId, from: invite.t, to: ack.t, setup: ack.t - invite.t, challenge: retry ? retry.t - invite.t : undefined, okToAck: ack.t - w[ok]!.t };
}

/** The callee's share: INVITE received → 200 OK sent (media, ICE gathering, answering). */
function calleeShare(w: Wire[], callId: string): number {
  const at = (dir: Wire['dir'], start: string) => w.find((m) => m.dir === dir && m.line.startsWith(start) && m.cseq.endsWith('INVITE') && m.callId === callId)!.t;
  return at('out', 'SIP/2.0 200') - at('in', 'INVITE ');
}

const summary = (xs: number[]) => ({ n: xs.length, p50: +percentile(xs, 50).toFixed(1), p95: +percentile(xs, 95).toFixed(1), max: +Math.max(...xs).toFixed(1), mean: +(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1) });

test('softphone call setup, answer-to-audio and re-register times', async () => {
  let pbx: Pbx = await startTestPbx(ACCOUNTS);
  const [agent, customer, phone] = await Promise.all([
    startParty({ name: 'agent', ...ACCOUNTS[0]!, toneHz: 400 }),
    startParty({ name: 'customer', ...ACCOUNTS[1]!, toneHz: 1000 }),
    startFarEnd(pbx, ACCOUNTS[2]!, 700, instrumentWire),
  ]);
  try {
    for (const p of [agent, customer]) {
      await instrumentWire(p.page);
      await p.page.reload();
    }
    await configureLine(agent, pbx);
    await configureLine(customer, pbx);
    await expect(registrationOf(agent)).toHaveText('已注册');
    await expect(registrationOf(customer)).toHaveText('已注册');
    const card = (p: Party) => p.page.getByTestId('call-card');
    const finishWrapUp = async () => {
      await agent.page.getByRole('button', { name: '完成话后处理' }).click();
      await expect(agent.page.getByTestId('agent-status')).toHaveText('就绪');
    };
    const dial = async (p: Party, target: string) => {
      await p.page.getByLabel('号码或 SIP 地址').fill(target);
      await p.page.getByRole('button', { name: '呼叫' }).click();
    };
    const pages = [agent.page, customer.page, phone.page];
    const clearLogs = () => Promise.all(pages.flatMap((p) => [wire(p), longTasks(p)]));
    /** Long-task time inside [from, to] on each page. */
    const busyMs = async (from: number, to: number) =>
      new Map(await Promise.all(pages.map(async (p) => [p, (await longTasks(p)).filter(([t]) => t >= from - 5 && t <= to).reduce((sum, [, d]) => sum + d, 0)] as const)));

    /** Runs the calls of one pairing: `place` starts a call and waits until the caller is connected. */
    const measure = async (part: string, caller: Page, callee: Page, place: () => Promise<void>, end: () => Promise<void>) => {
      if (!wanted(part)) return null;
      const profiler = process.env['ZUOXI_BENCH_PROFILE'] ? await caller.context().newCDPSession(caller) : undefined;
      await profiler?.send('Profiler.enable');
      await profiler?.send('Profiler.start');
      const times = { setup: [] as number[], callee: [] as number[], challenge: [] as number[], okToAck: [] as number[], callerBusy: [] as number[], calleeBusy: [] as number[] };
      for (let i = 0; i < WARMUP + CALLS; i++) {
        await clearLogs();
        await place();
        const c = callerTimes(await wire(caller));
        const share = calleeShare(await wire(callee), c.callId);
        const busy = await busyMs(c.from, c.to);
        if (i >= WARMUP) {
          times.setup.push(c.setup);
          times.callee.push(share);
          if (c.challenge !== undefined) times.challenge.push(c.challenge);
          times.okToAck.push(c.okToAck);
          times.callerBusy.push(busy.get(caller)!);
          times.calleeBusy.push(busy.get(callee)!);
        }
        await end();
        await finishWrapUp();
        await agent.page.waitForTimeout(PAUSE_MS);
      }
      if (profiler) {
        mkdirSync('bench/results', { recursive: true });
        writeFileSync(`bench/results/${part}-caller.cpuprofile`, JSON.stringify((await profiler.send('Profiler.stop')).profile));
      }
      return {
        inviteToEstablishedMs: summary(times.setup),
        /** in call order: a drift shows state piling up over a run */
        inviteToEstablishedSeriesMs: times.setup.map((x) => Math.round(x)),
        calleeInviteTo200OkMs: summary(times.callee),
        callerChallengeMs: times.challenge.length ? summary(times.challenge) : null,
        caller200OkToAckMs: summary(times.okToAck),
        /** main-thread long tasks (> 50 ms) inside the setup window, caller's and callee's page: rendering on a shared CPU */
        callerLongTasksDuringSetupMs: summary(times.callerBusy),
        calleeLongTasksDuringSetupMs: summary(times.calleeBusy),
      };
    };

    // 1. INVITE sent → ACK sent at the caller, the callee answering automatically
    await agent.page.getByRole('switch', { name: /自动接听/ }).click();
    const deskFromFarEnd = await measure(
      'deskFromFarEnd',
      phone.page,
      agent.page,
      async () => {
        await phone.call('1001');
        await expect(card(agent)).toHaveAttribute('data-call-phase', 'connected');
      },
      async () => {
        await phone.hangup();
        await expect(card(agent)).toHaveCount(0);
      },
    );
    const deskToFarEnd = await measure(
      'deskToFarEnd',
      agent.page,
      phone.page,
      async () => {
        await dial(agent, '1003');
        await expect(card(agent)).toHaveAttribute('data-call-phase', 'connected');
      },
      async () => {
        await hangUpFrom(agent);
        await expect(card(agent)).toHaveCount(0);
        await expect.poll(() => phone.state()).toBe('none');
      },
    );
    const hangUp = async () => {
      await hangUpFrom(customer);
      await expect(card(agent)).toHaveCount(0);
      await expect(card(customer)).toHaveCount(0);
    };
    const deskToDesk = await measure(
      'deskToDesk',
      customer.page,
      agent.page,
      async () => {
        await dial(customer, '1001');
        await expect(card(customer)).toHaveAttribute('data-call-phase', 'connected');
      },
      hangUp,
    );
    await agent.page.getByRole('switch', { name: /自动接听/ }).click();

    // 2. Answer clicked → first inbound RTP packet at the agent
    const answerToAudio: number[] = [];
    for (let i = 0; wanted('answer') && i < WARMUP + CALLS; i++) {
      await dial(customer, '1001');
      await expect(card(agent)).toHaveAttribute('data-call-phase', 'ringing');
      const ms = await agent.page.evaluate(async () => {
        const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
        const known = pcs.length;
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent === '接听')!;
        const t0 = performance.now();
        button.click();
        for (;;) {
          const pc = pcs[known];
          if (pc) {
            let packets = 0;
            (await pc.getStats()).forEach((s: { type: string; kind?: string; packetsReceived?: number }) => {
              if (s.type === 'inbound-rtp' && s.kind === 'audio') packets += s.packetsReceived ?? 0;
            });
            if (packets > 0) return performance.now() - t0;
          }
          if (performance.now() - t0 > 10_000) throw new Error('no audio within 10 s');
          await new Promise((r) => setTimeout(r, 1));
        }
      });
      if (i >= WARMUP) answerToAudio.push(ms);
      await hangUp();
      await finishWrapUp();
      await agent.page.waitForTimeout(PAUSE_MS);
    }

    // 3. Kamailio restarted: port back → REGISTER answered 200
    const reRegister: number[] = [];
    const wsPort = Number(new URL(pbx.wsUrl).port);
    for (let i = 0; wanted('reRegister') && i < RESTARTS; i++) {
      await pbx.stop();
      await expect(registrationOf(agent)).toHaveText('重新连接中…');
      await agent.page.waitForTimeout(2000 + i * 1000); // outages of 2 to 6 s
      await wire(agent.page);
      pbx = await startTestPbx(ACCOUNTS, wsPort);
      const back = Date.now();
      await expect(registrationOf(agent)).toHaveText('已注册', { timeout: 20_000 });
      const ok = (await wire(agent.page)).find((m) => m.dir === 'in' && m.line.startsWith('SIP/2.0 200') && m.cseq.endsWith('REGISTER'))!;
      reRegister.push(ok.t - back);
    }

    const results = {
      when: new Date().toISOString(),
      only: ONLY ?? null,
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      warmup: WARMUP,
      pauseBetweenCallsMs: PAUSE_MS,
      setup: { deskFromFarEnd, deskToFarEnd, deskToDesk },
      answerClickToFirstAudioPacketMs: answerToAudio.length ? summary(answerToAudio) : null,
      reRegisterAfterProxyBackMs: reRegister.length ? summary(reRegister) : null,
      targets: { setupP95Ms: 150, reRegisterMs: 1000 },
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(`bench/results/${ONLY ? 'calls-partial' : 'calls'}.json`, `${JSON.stringify(results, null, 2)}\n`);
    console.log(JSON.stringify(results, null, 2));
  } finally {
    await Promise.all([agent.close(), customer.close(), phone.close()]);
    await pbx.stop();
  }
});
