import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'];

/** The first Chromium-family browser on PATH ($ZUOXI_BROWSER wins). */
export function findChromium(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  if (env['ZUOXI_BROWSER']) return env['ZUOXI_BROWSER'];
  const dirs = (env['PATH'] ?? '').split(delimiter).filter(Boolean);
  for (const name of CANDIDATES) {
    for (const dir of dirs) {
      const full = join(dir, name);
      if (existsSync(full)) return full;
    }
  }
  return undefined;
}

export const hasDisplay = (env: Readonly<Record<string, string | undefined>> = process.env): boolean =>
  process.platform !== 'linux' || Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);

/** Opens the desk in app mode (no tabs or address bar), with its own profile so it never mixes with browsing. */
export function openInAppMode(browser: string, url: string, profileDir: string): void {
  const child = spawn(browser, [`--app=${url}`, `--user-data-dir=${profileDir}`, '--no-first-run', '--autoplay-policy=no-user-gesture-required'], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
}
