/**
 * The browser host: the same main-side services and handler table as the Electron app, served to
 * the renderer in any Chromium over a loopback WebSocket. Used where Electron's binary is absent,
 * and by the end-to-end tests.
 *
 *   node dist/host/zuoxi-host.cjs [--port N] [--data-dir DIR] [--desk 1-4] [--dev-pbx ws://127.0.0.1:PORT] [--no-open]
 *
 * --desk N keeps a separate data folder per desk; --dev-pbx sets a desk without a SIP account to
 * extension 100N on the local dev PBX (electron/services/dev-line.ts).
 *
 * Prints one JSON line `{"event":"ready","url":…,"port":…,"pid":…}` on stdout when it serves.
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createHandlers } from '../api/handlers.js';
import { createAppContext } from '../services/app-context.js';
import { checkoutPaths } from '../services/app-paths.js';
import { deskDataDir, devExtension, parseDesk, seedDevLine } from '../services/dev-line.js';
import { defaultDataDir } from '../services/paths.js';
import { startBrowserHost } from './browser-host.js';
import { findChromium, hasDisplay, openInAppMode } from './open-browser.js';

const USAGE = 'usage: zuoxi-host [--port N] [--data-dir DIR] [--desk 1-4] [--dev-pbx ws://127.0.0.1:PORT] [--no-open]';

async function main(): Promise<void> {
  let values: { port?: string; 'data-dir'?: string; 'no-open'?: boolean; desk?: string; 'dev-pbx'?: string };
  let desk: number;
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, 'no-open': { type: 'boolean' }, desk: { type: 'string' }, 'dev-pbx': { type: 'string' } },
      strict: true,
    }));
    desk = parseDesk(values.desk);
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const port = Number(values.port ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`invalid --port ${values.port}\n${USAGE}`);
    process.exit(2);
  }
  const log = (message: string, detail?: unknown) => console.error(`[zuoxi-host] ${message}`, detail ?? '');
  const paths = checkoutPaths(__dirname);
  const dataDir = values['data-dir'] ?? deskDataDir(defaultDataDir(), desk);
  const ctx = createAppContext({ host: 'browser', version: paths.version, dataDir, resourcesDir: paths.resourcesDir, appRoot: paths.appRoot });
  if (values['dev-pbx'] && seedDevLine(ctx.sipAccount, desk, values['dev-pbx'])) {
    console.error(`desk ${desk}: SIP line set to the dev PBX as extension ${devExtension(desk)}`);
  }
  const host = await startBrowserHost({
    table: createHandlers(ctx),
    staticDir: paths.rendererDir,
    port,
    log,
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void host.close().finally(() => {
      ctx.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  // Only one-time launch tickets are printed or passed to Chromium: the session credential a page
  // gets for one is never in a process list or a log.
  const browser = findChromium();
  const opening = !values['no-open'] && hasDisplay() && browser !== undefined;
  // The ready event's address is the one given to Chromium when the host opens it (spent at once),
  // else a fresh one to open by hand; either is good once, for two minutes.
  const url = host.launchUrl();
  console.log(JSON.stringify({ event: 'ready', url, port: host.port, pid: process.pid }));
  if (opening) openInAppMode(browser, url, join(dataDir, 'browser-profile'));
  console.error(
    `坐席 Zuoxi is serving at ${host.origin}${opening ? ` (opened in ${browser})` : ': open the address in the ready line above'}\n` +
      `(data: ${dataDir}; Enter prints a new one-time address; stop with Ctrl+C)`,
  );
  // a new launch ticket on each line read from stdin (Enter in the terminal; the e2e harness writes "\n")
  if (process.stdin.readable) {
    createInterface({ input: process.stdin }).on('line', () => console.log(JSON.stringify({ event: 'ticket', url: host.launchUrl() })));
  }
}

main().catch((e: unknown) => {
  console.error(`zuoxi-host: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
