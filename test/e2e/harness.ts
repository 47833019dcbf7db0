/**
 * Shared e2e harness: each test gets its own browser host (own port, own data folder), started from
 * the built bundle, awaited through the host's `ready` event, and stopped by pid afterwards.
 * `openDesk` waits for the app's own readiness signal (`<html data-zuoxi-ready>`), never a sleep.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
export { sessionCredential } from './launch';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const HOST_BUNDLE = join(ROOT, 'dist', 'host', 'zuoxi-host.cjs');
export const CLI_BUNDLE = join(ROOT, 'dist', 'cli', 'zuoxi.cjs');

export interface RunningHost {
  /** The address of the ready event: its one-time launch ticket opens one page, once. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly pid: number;
  readonly dataDir: string;
  /** A fresh one-time launch address (the host prints one for each line on its stdin). */
  newUrl(): Promise<string>;
}

export async function startHost(dataDir: string): Promise<{ host: RunningHost; child: ChildProcess }> {
  if (!existsSync(HOST_BUNDLE)) throw new Error(`${HOST_BUNDLE} is missing: run npm run build first`);
  const child = spawn(process.execPath, [HOST_BUNDLE, '--port', '0', '--data-dir', dataDir, '--no-open'], { stdio: ['pipe', 'pipe', 'pipe'] });
  return { host: await hostReady(child, dataDir), child };
}

/**
 * Waits for a host process (started with stdout and stderr piped, stdin piped for new launch
 * addresses) to print its `ready` event.
 */
export async function hostReady(child: ChildProcess, dataDir: string): Promise<RunningHost> {
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const tickets: ((url: string) => void)[] = [];
  const newUrl = () =>
    new Promise<string>((resolve, reject) => {
      if (!child.stdin) return reject(new Error('this host was started without a stdin pipe'));
      tickets.push(resolve);
      child.stdin.write('\n');
    });
  const ready = new Promise<RunningHost>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host not ready after 15 s:\n${stderr}`)), 15_000);
    child.once('exit', (code) => reject(new Error(`host exited with ${code}:\n${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as { event: string; url: string; port: number; pid: number };
      if (event.event === 'ticket') tickets.shift()?.(event.url);
      if (event.event !== 'ready') return;
      clearTimeout(timer);
      resolve({ url: event.url, origin: new URL(event.url).origin, port: event.port, pid: event.pid, dataDir, newUrl });
    });
  });
  return ready;
}

export async function stopHost(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

/** Runs the built `zuoxi` CLI against a data folder. */
export function zuoxiCli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI_BUNDLE, ...args], { encoding: 'utf8' });
}

export async function openDesk(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('html[data-zuoxi-ready="true"]')).toBeAttached();
}

export const test = base.extend<{ host: RunningHost; pageErrors: string[] }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  host: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zuoxi-e2e-'));
    const { host, child } = await startHost(dataDir);
    try {
      await use(host);
    } finally {
      await stopHost(child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await use(errors);
  },
});

export { expect };
