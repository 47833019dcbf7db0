// `npm start [-- --desk N] [--no-pbx]`: the Electron app when Electron's binary is available, else the
// browser host (which opens the desk in Chromium's app mode when there is a display).
//
// When Kamailio is installed, the local dev PBX is started too (or reused, when another `npm start`
// already runs it) and the desk is given extension 100N on it if it has no SIP line yet, so
// `npm start` and `npm start -- --desk 2` in two terminals give two desks that can call each other.
// The customer web-chat page is served beside it, and its address for this desk printed, so a new
// user can chat with their own desk from any browser tab.
// Ports: ZUOXI_DEV_PBX_WS_PORT / ZUOXI_DEV_PBX_UDP_PORT / ZUOXI_WEBCHAT_PORT (default 5066 / 5060 / 5067).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { DEV_ACCOUNTS, DEV_GUEST_PASSWORD, DEV_UDP_PORT, DEV_WS_PORT, DOMAIN, KAMAILIO, startPbx } from './pbx.mjs';
import { DEV_WEBCHAT_PORT, startWebChat } from './webchat.mjs';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const listening = (port) =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** Starts the dev PBX, or finds the one another `npm start` runs; { url, stop } (url undefined: none). */
async function devPbx(wanted) {
  const none = { url: undefined, stop: async () => {} };
  if (!wanted) return none;
  if (!existsSync(KAMAILIO)) {
    console.error('Kamailio is not installed: no dev PBX (apt-get install kamailio kamailio-websocket-modules to get one).');
    return none;
  }
  const wsPort = Number(process.env.ZUOXI_DEV_PBX_WS_PORT ?? DEV_WS_PORT);
  const udpPort = Number(process.env.ZUOXI_DEV_PBX_UDP_PORT ?? DEV_UDP_PORT);
  const url = `ws://127.0.0.1:${wsPort}`;
  if (await listening(wsPort)) {
    console.error(`dev PBX already running on ${url}: using it.`);
    return { url, stop: async () => {} };
  }
  try {
    const pbx = await startPbx({ wsPort, udpPort, accounts: DEV_ACCOUNTS, guestPassword: DEV_GUEST_PASSWORD });
    console.error(`dev PBX (Kamailio pid ${pbx.pid}) on ${url}: extensions ${DEV_ACCOUNTS.map((a) => a.user).join(', ')}.`);
    return { url, stop: () => pbx.stop() };
  } catch (e) {
    console.error(`dev PBX not started: ${e.message}`);
    return none;
  }
}

/** Serves the customer page (or finds the one another `npm start` serves) and prints this desk's address on it. */
async function webChat(pbxUrl, desk) {
  const port = Number(process.env.ZUOXI_WEBCHAT_PORT ?? DEV_WEBCHAT_PORT);
  const to = String(1000 + desk);
  let server = { url: `http://127.0.0.1:${port}/`, close: async () => {} };
  try {
    server = await startWebChat({ wsUrl: pbxUrl, domain: DOMAIN, guestPassword: DEV_GUEST_PASSWORD, to, port });
  } catch (e) {
    if (e.code !== 'EADDRINUSE') {
      console.error(`web chat page not served: ${e.message}`);
      return server;
    }
  }
  console.error(`在线客服测试页 web chat (customer side) for desk ${to}: ${server.url}?to=${to}`);
  return server;
}

const args = process.argv.slice(2).filter((a) => a !== '--no-pbx');
const pbx = await devPbx(!process.argv.includes('--no-pbx') && process.env.ZUOXI_DEV_PBX !== 'off');
const deskAt = args.indexOf('--desk');
const page = pbx.url ? await webChat(pbx.url, deskAt >= 0 ? Number(args[deskAt + 1]) || 1 : 1) : undefined;
const hostArgs = [...args, ...(pbx.url ? ['--dev-pbx', pbx.url] : [])];
const electron = process.env.ZUOXI_HOST === 'browser' ? undefined : electronBinary();
const child = electron
  ? spawn(electron, ['.', ...hostArgs], { stdio: 'inherit' })
  : spawn(process.execPath, ['dist/host/zuoxi-host.cjs', ...hostArgs], { stdio: 'inherit' });
if (!electron) console.error("Electron's binary is not installed here: starting the browser host instead.");
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => void Promise.all([pbx.stop(), page?.close()]).finally(() => process.exit(code ?? 0)));
