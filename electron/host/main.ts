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
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
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
    token: randomBytes(32).toString('base64url'),
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

  console.log(JSON.stringify({ event: 'ready', url: host.url, port: host.port, pid: process.pid }));
  console.error(`坐席 Zuoxi is serving at ${host.url}\n(data: ${dataDir}; stop with Ctrl+C)`);
  const browser = findChromium();
  if (!values['no-open'] && hasDisplay() && browser) openInAppMode(browser, host.url, join(dataDir, 'browser-profile'));
}

main().catch((e: unknown) => {
  console.error(`zuoxi-host: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
