/**
 * Chat customers for the e2e tests (issue 18): the project's own web-chat page (scripts/webchat.mjs,
 * a guest on the PBX) in a Chromium of its own, one browser context per customer; and baresip, an
 * ordinary SIP phone on UDP that sends and receives plain-text MESSAGEs.
 */
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error -- plain ESM script shared with `npm start`, no type declarations
import { DEV_GUEST_PASSWORD } from '../../scripts/pbx.mjs';
// @ts-expect-error -- plain ESM script shared with `npm start`, no type declarations
import { startWebChat } from '../../scripts/webchat.mjs';
import { freePort, type Pbx } from './sip-harness';

export const GUEST_PASSWORD = DEV_GUEST_PASSWORD as string;

export interface WebChatSite {
  readonly url: string;
  /** A new customer (own browser context, so own storage and guest id) on the page for desk `to`. */
  customer(to: string): Promise<WebCustomer>;
  close(): Promise<void>;
}

export interface WebCustomer {
  readonly page: Page;
  /** The guest's SIP user and the conversation id the page chose. */
  user(): Promise<string>;
  conv(): Promise<string>;
  /** Types and sends with Enter, as a customer does. */
  say(text: string): Promise<void>;
  /** The page's messages as `in|out text`. */
  lines(): Promise<string[]>;
}

/** The web-chat server for this PBX (needs the PBX started with guestPassword GUEST_PASSWORD). */
export async function startWebChatSite(pbx: Pbx): Promise<WebChatSite> {
  const server = (await startWebChat({ wsUrl: pbx.wsUrl, domain: pbx.domain, guestPassword: GUEST_PASSWORD, port: 0 })) as { url: string; close(): Promise<void> };
  let browser: Browser | undefined;
  return {
    url: server.url,
    customer: async (to) => {
      browser ??= await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${server.url}?to=${to}`);
      await expect(page.getByTestId('webchat-line')).toHaveAttribute('data-status', 'registered');
      const messages = page.getByTestId('webchat-message');
      return {
        page,
        user: async () => (await page.getByTestId('webchat-messages').getAttribute('data-user')) ?? '',
        conv: async () => (await page.getByTestId('webchat-messages').getAttribute('data-conv')) ?? '',
        say: async (text) => {
          await page.getByLabel('输入消息').fill(text);
          await page.getByLabel('输入消息').press('Enter');
        },
        lines: async () => (await messages.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-direction')} ${e.firstChild?.textContent ?? ''}`))),
      };
    },
    close: async () => {
      await browser?.close();
      await server.close();
    },
  };
}

export interface PlainPhone {
  /** Sends `text` as text/plain to the phone's one contact (the desk); resolves once baresip took the command. */
  say(text: string): Promise<void>;
  /** Bodies of the MESSAGEs it received (from its SIP trace). */
  received(): string[];
  close(): Promise<void>;
}

/** baresip registered over UDP as `user`, its one contact the desk `to`. */
export async function startPlainPhone(pbx: Pbx, account: { user: string; password: string }, to: string): Promise<PlainPhone> {
  const dir = mkdtempSync(join(tmpdir(), 'zuoxi-baresip-'));
  const ctrlPort = await freePort();
  writeFileSync(
    join(dir, 'config'),
    [
      'module_path /usr/lib/baresip/modules',
      'module g711.so',
      'module aufile.so',
      'module_app account.so',
      'module_app contact.so',
      'module_app menu.so',
      'module_app ctrl_tcp.so',
      `ctrl_tcp_listen 127.0.0.1:${ctrlPort}`,
      'sip_listen 127.0.0.1:0',
      'net_interface 127.0.0.1',
      'audio_player aufile,/dev/null',
      'audio_source aufile,/dev/null',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'accounts'), `<sip:${account.user}@${pbx.domain}>;auth_pass=${account.password};outbound="sip:127.0.0.1:${pbx.udpPort}";regint=600\n`, { mode: 0o600 });
  writeFileSync(join(dir, 'contacts'), `"desk" <sip:${to}@${pbx.domain}>\n`);
  const child = spawn('/usr/bin/baresip', ['-f', dir, '-s'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let trace = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => void (trace += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => void (trace += c));
  await expect.poll(() => new RegExp(`${account.user}@${pbx.domain}: \\{0/UDP/v4\\} 200 OK`).test(trace), { timeout: 10_000 }).toBe(true);
  const command = (name: string, params: string) =>
    new Promise<void>((resolve, reject) => {
      const socket = connect(ctrlPort, '127.0.0.1', () => {
        const json = JSON.stringify({ command: name, params, token: 'e2e' });
        socket.write(`${Buffer.byteLength(json)}:${json},`);
      });
      socket.on('data', (d: Buffer) => {
        socket.destroy();
        const answer = /\{.*\}/s.exec(d.toString())?.[0];
        if (answer && (JSON.parse(answer) as { ok: boolean }).ok) resolve();
        else reject(new Error(`baresip ${name}: ${d.toString()}`));
      });
      socket.on('error', reject);
    });
  return {
    say: (text) => command('message', text),
    // a received MESSAGE in the trace: the request line to this phone's contact (`<user>-0x…`), headers,
    // a blank line, the body, and the terminal colour reset the trace ends each message with
    received: () => [...trace.matchAll(new RegExp(`\nMESSAGE sip:${account.user}-[^\n]*\n[\\s\\S]*?\r\n\r\n([\\s\\S]*?)\x1b\\[;m`, 'g'))].map((m) => m[1]!),
    close: async () => {
      child.kill('SIGKILL');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
