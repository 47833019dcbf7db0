/**
 * Starts the bench's far end (./far-end/page.ts) in its own Chromium: bundled with esbuild and
 * served from a loopback HTTP server (a secure context, so the microphone opens, and a loopback
 * address, so Chromium's local-network checks let it reach the PBX).
 */
import type { Page } from '@playwright/test';
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchPhoneBrowser, type Pbx } from '../e2e/sip-harness';
import type { FarEndConfig } from './far-end/page';

export interface FarEnd {
  readonly page: Page;
  call(target: string): Promise<void>;
  state(): Promise<string>;
  hangup(): Promise<void>;
  message(target: string, contentType: string, body: string): Promise<number>;
  /** An INVITE with extra headers; the final response code. */
  probe(target: string, extraHeaders: string[]): Promise<number>;
  /** DTMF digits it received by SIP INFO. */
  digits(): Promise<string>;
  /** The MESSAGEs it received. */
  messages(): Promise<{ contentType: string; body: string }[]>;
  close(): Promise<void>;
}

type FarEndWindow = {
  farEnd: {
    start(c: FarEndConfig): Promise<void>;
    call(t: string): Promise<void>;
    probe(t: string, headers: string[]): Promise<number>;
    state(): string;
    hangup(): Promise<void>;
    message(t: string, type: string, body: string): Promise<number>;
    digits(): string;
    messages(): { contentType: string; body: string }[];
  };
};

/**
 * A page running one bundled script (`entry`), served from loopback, in a Chromium of its own whose
 * fake microphone plays `toneHz`: the far end below, and the chat benchmark's customers.
 */
export async function openScriptPage(entry: string, toneHz: number, prepare?: (page: Page) => Promise<void>): Promise<{ page: Page; close(): Promise<void> }> {
  const bundle = await build({ entryPoints: [entry], bundle: true, write: false, format: 'iife', platform: 'browser', logLevel: 'silent' });
  const script = bundle.outputFiles[0]!.text;
  const dir = mkdtempSync(join(tmpdir(), 'zuoxi-far-end-'));
  const browser = await launchPhoneBrowser(dir, toneHz);
  const page = await browser.newPage();
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><meta charset="utf-8"><title>far end</title><script>${script}</script>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await prepare?.(page);
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  return {
    page,
    close: async () => {
      await browser.close();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startFarEnd(pbx: Pbx, account: { user: string; password: string }, toneHz: number, prepare?: (page: Page) => Promise<void>): Promise<FarEnd> {
  const { page, close } = await openScriptPage(join(import.meta.dirname, 'far-end', 'page.ts'), toneHz, prepare);
  await page.evaluate((c) => (window as unknown as FarEndWindow).farEnd.start(c), { wsUrl: pbx.wsUrl, domain: pbx.domain, ...account });
  return {
    page,
    call: (target) => page.evaluate((t) => (window as unknown as FarEndWindow).farEnd.call(t), target),
    state: () => page.evaluate(() => (window as unknown as FarEndWindow).farEnd.state()),
    hangup: () => page.evaluate(() => (window as unknown as FarEndWindow).farEnd.hangup()),
    message: (target, type, body) => page.evaluate(([t, c, b]) => (window as unknown as FarEndWindow).farEnd.message(t, c, b), [target, type, body] as const),
    digits: () => page.evaluate(() => (window as unknown as FarEndWindow).farEnd.digits()),
    messages: () => page.evaluate(() => (window as unknown as FarEndWindow).farEnd.messages()),
    probe: (target, headers) => page.evaluate(([t, h]) => (window as unknown as FarEndWindow).farEnd.probe(t, h), [target, headers] as const),
    close,
  };
}
