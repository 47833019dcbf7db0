/**
 * Softphone e2e harness: a real Kamailio on free loopback ports, and each party as a full desk
 * (own browser host, own data folder) in its own Chromium process with its own fake microphone
 * (a WAV of a distinct tone), so received audio proves who hears whom.
 */
import { test as base, chromium, expect, type Browser, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error -- plain ESM script shared with `npm run pbx`, no type declarations
import { startPbx } from '../../scripts/pbx.mjs';
import { openDesk, startHost, stopHost, type RunningHost } from './harness';

export interface Pbx {
  readonly pid: number;
  readonly wsUrl: string;
  readonly udpPort: number;
  readonly domain: string;
  stop(): Promise<void>;
  log(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export type PbxOptions = { readonly maxExpires?: number; readonly guestPassword?: string };

export async function startTestPbx(accounts: { user: string; password: string }[], wsPort?: number, opts: PbxOptions = {}): Promise<Pbx> {
  return (await startPbx({ wsPort: wsPort ?? (await freePort()), udpPort: await freePort(), accounts, ...opts })) as Pbx;
}

/** A 48 kHz mono 16-bit PCM sine, the format Chromium's fake capture device reads. */
export function toneWav(path: string, hz: number, seconds = 30): string {
  const rate = 48000;
  const samples = rate * seconds;
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 12000), 44 + i * 2);
  writeFileSync(path, buf);
  return path;
}

export interface Party {
  readonly name: string;
  readonly user: string;
  readonly password: string;
  readonly toneHz: number;
  readonly page: Page;
  readonly host: RunningHost;
  close(): Promise<void>;
}

/** A Chromium for one party: fake microphone playing its own tone, media permission granted. */
export async function launchPhoneBrowser(dir: string, toneHz: number): Promise<Browser> {
  const isRoot = process.getuid?.() === 0;
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${toneWav(join(dir, 'mic.wav'), toneHz)}`,
      '--allow-loopback-in-peer-connection',
      '--autoplay-policy=no-user-gesture-required',
      '--disable-background-networking',
      '--no-first-run',
      ...(isRoot ? ['--no-sandbox'] : []),
    ],
  });
}

type HostStarter = (dir: string) => Promise<{ host: RunningHost; child: ChildProcess }>;

/** A party: its own host (by default a browser host on a fresh data folder) and its own Chromium. */
export async function startParty(
  opts: { name: string; user: string; password: string; toneHz: number },
  start: HostStarter = (dir) => startHost(join(dir, 'data')),
): Promise<Party> {
  const dir = mkdtempSync(join(tmpdir(), `zuoxi-${opts.name}-`));
  const { host, child } = await start(dir);
  const browser = await launchPhoneBrowser(dir, opts.toneHz);
  // a page of its own context (browser.newPage() owns its context, and closing such a page skips beforeunload)
  const page = await (await browser.newContext()).newPage();
  // Test instrumentation only: the open RTCPeerConnections, so the test can read inbound-rtp stats
  // (closed ones are dropped: a benchmark's hundreds of calls must not pile up in the page).
  await page.addInitScript(() => {
    const Original = window.RTCPeerConnection;
    const list: RTCPeerConnection[] = [];
    (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = list;
    window.RTCPeerConnection = class extends Original {
      constructor(config?: RTCConfiguration) {
        super(config);
        list.push(this);
      }
      override close(): void {
        if (list.includes(this)) list.splice(list.indexOf(this), 1);
        super.close();
      }
    };
  });
  page.on('console', (m) => {
    if (process.env['ZUOXI_E2E_DEBUG']) console.log(`[${opts.name}] ${m.text()}`);
  });
  await openDesk(page, host.url);
  return {
    ...opts,
    page,
    host,
    close: async () => {
      await browser.close();
      await stopHost(child as ChildProcess);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Turns microphone processing off on the Line tab (it crushes steady test tones). */
export async function audioProcessingOff({ page }: Party): Promise<void> {
  await page.getByRole('tab', { name: '线路' }).click();
  for (const name of ['回声消除', '噪声抑制', '自动增益']) {
    const sw = page.getByRole('switch', { name });
    if ((await sw.getAttribute('aria-checked')) === 'true') {
      await sw.click();
      await expect(sw).toHaveAttribute('aria-checked', 'false');
    }
  }
}

/** Fills the Line tab, turns microphone processing off and saves. */
export async function configureLine(party: Party, pbx: Pbx, password = party.password): Promise<void> {
  const { page } = party;
  await audioProcessingOff(party);
  await page.getByLabel('WebSocket 服务器').fill(pbx.wsUrl);
  await page.getByLabel('SIP 地址', { exact: true }).fill(`sip:${party.user}@${pbx.domain}`);
  await page.getByLabel('认证用户名').fill(party.user);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByLabel('显示名称').fill(party.name);
  await page.getByRole('button', { name: '保存并连接' }).click();
}

export const registrationOf = (p: Party) => p.page.getByTestId('registration-status');

export interface DeskSpec {
  readonly user: string;
  readonly toneHz: number;
}

/**
 * Each case's own SIP bed: `bed.start({ agent: { user: '1001', toneHz: 400 }, … })` starts a
 * Kamailio on free ports and one registered desk per entry (own host, data folder and Chromium),
 * all stopped when the case ends, pass or fail. Nothing is shared between cases.
 */
export interface SipBed {
  start<K extends string>(desks: Readonly<Record<K, DeskSpec>>, extraAccounts?: readonly string[], pbxOptions?: PbxOptions): Promise<{ pbx: Pbx } & Record<K, Party>>;
  /** Registers something else to stop with the bed (a far end, a second PBX). */
  adopt(close: () => Promise<void>): void;
}

export const passwordOf = (user: string) => `pw-${user}-secret`;

export const test = base.extend<{ bed: SipBed }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  bed: async ({}, use) => {
    const closers: (() => Promise<void>)[] = [];
    const bed: SipBed = {
      adopt: (close) => void closers.push(close),
      start: async (desks, extraAccounts = [], pbxOptions = {}) => {
        const entries = Object.entries(desks) as [string, DeskSpec][];
        const pbx = await startTestPbx(
          [...entries.map(([, d]) => d.user), ...extraAccounts].map((user) => ({ user, password: passwordOf(user) })),
          undefined,
          pbxOptions,
        );
        closers.push(() => pbx.stop());
        const parties = await Promise.all(
          entries.map(async ([name, d]) => {
            const party = await startParty({ name, user: d.user, password: passwordOf(d.user), toneHz: d.toneHz });
            closers.push(() => party.close());
            return party;
          }),
        );
        for (const party of parties) await configureLine(party, pbx);
        for (const party of parties) await expect(registrationOf(party)).toHaveText('已注册');
        return Object.assign({ pbx }, Object.fromEntries(entries.map(([name], i) => [name, parties[i]!]))) as never;
      },
    };
    try {
      await use(bed);
    } finally {
      for (const close of closers.reverse()) await close().catch(() => {});
    }
  },
});

/** The usual pair: an agent desk (1001, sends 400 Hz) and a customer desk (1002, 1,000 Hz), both registered. */
export const agentAndCustomer = (bed: SipBed) => bed.start({ agent: { user: '1001', toneHz: 400 }, customer: { user: '1002', toneHz: 1000 } });

/** Lets a desk follow REFERs to these extensions (the customer desk standing in for a phone that follows transfers). */
export async function followTransfersTo(party: Party, pattern: string): Promise<void> {
  const { page } = party;
  await page.getByRole('tab', { name: '线路' }).click();
  await page.getByLabel('对方发起转接（REFER）时').click();
  await page.locator('.ant-select-item-option[title="仅允许转到内部分机"]').click();
  await page.getByLabel('内部号码规则（正则表达式）').fill(pattern);
  await page.getByLabel('内部号码规则（正则表达式）').press('Enter');
  await expect(page.getByTestId('call-policy')).toHaveAttribute('data-internal-numbers', pattern);
  await expect(page.getByTestId('call-policy')).toHaveAttribute('data-refer', 'internal');
}

/** Dials from a desk's phone rail (the number box and 呼叫). */
export async function dialFrom(party: Party, target: string): Promise<void> {
  await party.page.getByLabel('号码或 SIP 地址').fill(target);
  await party.page.getByRole('button', { name: '呼叫', exact: true }).click();
}

/** Hangs up from the call card; a connected call whose closing phrase was not used asks first (R-POLITE): confirmed here. */
export async function hangUpFrom(party: Party): Promise<void> {
  // only a connected call asks: before that (just answered at the other end), 挂断 would cancel without asking
  await expect(party.page.getByTestId('call-card')).toHaveAttribute('data-call-phase', 'connected');
  await party.page.getByTestId('call-card').getByRole('button', { name: '挂断', exact: true }).click();
  await party.page.getByRole('button', { name: '仍要挂断' }).click();
}

/**
 * The power spectrum of what the party plays from `from` (or its first call): an FFT of the
 * playing <audio> element's stream, summed over half a second. Null when nothing plays.
 */
async function spectrum(party: Party, from?: string): Promise<{ power: number[]; hzPerBin: number } | null> {
  return party.page.evaluate(async (from) => {
    const audio = document.querySelector<HTMLAudioElement>(from ? `audio[data-zuoxi-remote-user="${from}"]` : 'audio[data-zuoxi-remote-audio]');
    if (!audio?.srcObject) return null;
    const ctx = new AudioContext();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 8192;
    ctx.createMediaStreamSource(audio.srcObject as MediaStream).connect(analyser);
    const bins = new Float32Array(analyser.frequencyBinCount);
    const sum = new Float32Array(analyser.frequencyBinCount);
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 50));
      analyser.getFloatFrequencyData(bins);
      for (let b = 0; b < bins.length; b++) sum[b]! += Math.pow(10, bins[b]! / 10);
    }
    const hzPerBin = ctx.sampleRate / analyser.fftSize;
    await ctx.close();
    return { power: [...sum], hzPerBin };
  }, from);
}

const decibels = (power: number) => 10 * Math.log10(power / 10);

/**
 * What this party hears: the dominant frequency and its level in the remote audio, plus
 * inbound-rtp counters from WebRTC's own stats.
 */
export async function hearing(party: Party, from?: string): Promise<{ peakHz: number; peakDb: number; packetsReceived: number; totalAudioEnergy: number }> {
  const s = await spectrum(party, from);
  if (!s) return { peakHz: 0, peakDb: -Infinity, packetsReceived: 0, totalAudioEnergy: 0 };
  let peak = 1;
  for (let b = 2; b < s.power.length; b++) if (s.power[b]! > s.power[peak]!) peak = b;
  const stats = await party.page.evaluate(async () => {
    let packetsReceived = 0;
    let totalAudioEnergy = 0;
    for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((r: { type: string; kind?: string; packetsReceived?: number; totalAudioEnergy?: number }) => {
        if (r.type === 'inbound-rtp' && r.kind === 'audio') {
          packetsReceived += r.packetsReceived ?? 0;
          totalAudioEnergy += r.totalAudioEnergy ?? 0;
        }
      });
    }
    return { packetsReceived, totalAudioEnergy };
  });
  return { peakHz: peak * s.hzPerBin, peakDb: decibels(s.power[peak]!), ...stats };
}

/**
 * Polls until the party hears the tone (within ±30 Hz, above -70 dB) or fails with what it heard.
 * `from` picks the call with that remote user when the party has several.
 */
export async function expectHears(party: Party, hz: number, from?: string): Promise<void> {
  await expect
    .poll(async () => {
      const h = await hearing(party, from);
      return Math.abs(h.peakHz - hz) < 30 && h.peakDb > -70 && h.packetsReceived > 0 && h.totalAudioEnergy > 0 ? 'hears' : JSON.stringify(h);
    }, { timeout: 10_000, intervals: [200] })
    .toBe('hears');
}

/** Polls until the tone is gone from what the party hears (silence or other content). */
export async function expectDoesNotHear(party: Party, hz: number, from?: string): Promise<void> {
  await expect
    .poll(async () => {
      const h = await hearing(party, from);
      return Math.abs(h.peakHz - hz) < 30 && h.peakDb > -70 ? `still hears ${JSON.stringify(h)}` : 'silent';
    }, { timeout: 10_000, intervals: [200] })
    .toBe('silent');
}

/**
 * The level (dB, as `hearing` measures it) at each of `tones` in what the party plays from `from`:
 * who hears whom when a stream carries several tones at once (monitoring mixes).
 */
export async function levelsAt(party: Party, from: string, tones: readonly number[]): Promise<number[]> {
  const s = await spectrum(party, from);
  if (!s) return tones.map(() => -Infinity);
  return tones.map((hz) => {
    let best = 0;
    for (let b = Math.floor((hz - 15) / s.hzPerBin); b <= Math.ceil((hz + 15) / s.hzPerBin); b++) best = Math.max(best, s.power[b] ?? 0);
    return decibels(best);
  });
}

/** Above this a tone is heard, below {@link SILENT_DB} it is not (measured in a mix: tones about -27 dB, the floor at other tones about -82). */
export const HEARD_DB = -50;
export const SILENT_DB = -70;

/** Polls until `party` hears every tone in `hears` from `from`, and none of `not`. */
export async function expectTones(party: Party, from: string, hears: readonly number[], not: readonly number[] = []): Promise<void> {
  await expect
    .poll(
      async () => {
        const levels = await levelsAt(party, from, [...hears, ...not]);
        const ok = levels.slice(0, hears.length).every((db) => db > HEARD_DB) && levels.slice(hears.length).every((db) => db < SILENT_DB);
        return ok ? 'as expected' : JSON.stringify(Object.fromEntries([...hears, ...not].map((hz, i) => [hz, Math.round(levels[i]!)])));
      },
      { timeout: 10_000, intervals: [200] },
    )
    .toBe('as expected');
}
