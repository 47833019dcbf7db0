// The local dev PBX: Kamailio (from Debian) with the project's own config on chosen ports.
//
//   npm run pbx [-- --ws-port 5066 --udp-port 5060 --accounts 1001:pw,1002:pw]
//
// Also imported by the end-to-end harness (startPbx), which picks free ports per run.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TEMPLATE = join(ROOT, 'resources', 'pbx', 'kamailio.cfg.template');
const MODULE_DIRS = ['/usr/lib/x86_64-linux-gnu/kamailio/modules', '/usr/lib/aarch64-linux-gnu/kamailio/modules', '/usr/lib/kamailio/modules'];
export const KAMAILIO = process.env.ZUOXI_KAMAILIO ?? '/usr/sbin/kamailio';

/** The SIP domain of the dev PBX (accounts are sip:<user>@127.0.0.1). */
export const DOMAIN = '127.0.0.1';

/** Dev extensions 1001-1004, password "zuoxi" + extension (same rule as electron/services/dev-line.ts). */
export const DEV_ACCOUNTS = [1001, 1002, 1003, 1004].map((n) => ({ user: String(n), password: `zuoxi${n}` }));
/**
 * Web-chat guests (the customer page of scripts/webchat.mjs): any user `guest-<8 to 16 of [0-9a-z]>`
 * with this one password, allowed only to register and send MESSAGE to a desk (the config's
 * route[GUEST]). It is public by design: whoever opens the page is a guest.
 */
export const DEV_GUEST_PASSWORD = 'zuoxi-guest';
export const DEV_WS_PORT = 5066;
export const DEV_UDP_PORT = 5060;

const ACCOUNT_RE = /^[0-9A-Za-z_.-]{1,32}$/;

/**
 * Renders the config; account names and passwords are restricted so nothing can inject config.
 * `maxExpires` caps the registration lifetime the registrar grants (tests shorten it to see refreshes);
 * `guestPassword`, when given, lets web-chat guests in.
 */
export function renderConfig({ wsPort, udpPort, accounts, moduleDir, maxExpires = 3600, guestPassword }) {
  if (!Number.isInteger(maxExpires) || maxExpires < 1 || maxExpires > 86400) throw new Error(`invalid maxExpires ${maxExpires}`);
  for (const a of accounts) {
    if (!ACCOUNT_RE.test(a.user) || !ACCOUNT_RE.test(a.password)) throw new Error(`invalid account ${a.user}: use [0-9A-Za-z_.-], 1 to 32 characters`);
  }
  if (guestPassword !== undefined && !ACCOUNT_RE.test(guestPassword)) throw new Error('invalid guest password: use [0-9A-Za-z_.-], 1 to 32 characters');
  const guests = guestPassword === undefined ? '' : `\tif ($fU =~ "^guest-[0-9a-z]{8,16}$") $var(password) = "${guestPassword}";`;
  const lines = accounts.map((a) => `\tif ($fU == "${a.user}") $var(password) = "${a.password}";`).join('\n');
  return readFileSync(TEMPLATE, 'utf8')
    .replaceAll('{{WS_PORT}}', String(wsPort))
    .replaceAll('{{UDP_PORT}}', String(udpPort))
    .replaceAll('{{MODULE_DIR}}', moduleDir)
    .replaceAll('{{DOMAIN}}', DOMAIN)
    .replaceAll('{{MAX_EXPIRES}}', String(maxExpires))
    .replaceAll('{{MIN_EXPIRES}}', String(Math.min(60, maxExpires)))
    .replace('{{ACCOUNTS}}', () => lines)
    .replace('{{GUESTS}}', () => guests);
}

const waitForPort = (port, deadline) =>
  new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`Kamailio did not listen on ${port}`));
        else setTimeout(attempt, 20);
      });
    };
    attempt();
  });

/** Starts Kamailio in the foreground as a child; resolves once its WebSocket port answers. */
export async function startPbx({ wsPort, udpPort, accounts, maxExpires, guestPassword }) {
  if (!existsSync(KAMAILIO)) throw new Error(`${KAMAILIO} not found: apt-get install kamailio kamailio-websocket-modules`);
  const moduleDir = MODULE_DIRS.find((d) => existsSync(join(d, 'websocket.so')));
  if (!moduleDir) throw new Error('Kamailio websocket module not found: apt-get install kamailio-websocket-modules');
  const dir = mkdtempSync(join(tmpdir(), 'zuoxi-pbx-'));
  const cfg = join(dir, 'kamailio.cfg');
  writeFileSync(cfg, renderConfig({ wsPort, udpPort, accounts, moduleDir, maxExpires, guestPassword }), { mode: 0o600 });
  const child = spawn(KAMAILIO, ['-DD', '-E', '-f', cfg, '-Y', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (c) => {
    log = (log + c.toString()).slice(-20000);
  });
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await Promise.race([
      waitForPort(wsPort, Date.now() + 5000),
      exited.then((code) => {
        throw new Error(`kamailio exited with ${code}:\n${log}`);
      }),
    ]);
  } catch (e) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    pid: child.pid,
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    udpPort,
    domain: DOMAIN,
    log: () => log,
    /** Stops Kamailio and its children (SIGTERM to the main process), then removes the config. */
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main() {
  const { values } = parseArgs({
    options: { 'ws-port': { type: 'string', default: String(DEV_WS_PORT) }, 'udp-port': { type: 'string', default: String(DEV_UDP_PORT) }, accounts: { type: 'string' } },
  });
  const accounts = values.accounts
    ? values.accounts.split(',').map((pair) => {
        const [user, password] = pair.split(':');
        return { user, password };
      })
    : DEV_ACCOUNTS;
  const pbx = await startPbx({ wsPort: Number(values['ws-port']), udpPort: Number(values['udp-port']), accounts, guestPassword: DEV_GUEST_PASSWORD });
  console.log(`Zuoxi dev PBX (Kamailio pid ${pbx.pid}) on ${pbx.wsUrl}, domain ${pbx.domain}`);
  for (const a of accounts) console.log(`  sip:${a.user}@${pbx.domain}  password ${a.password}`);
  console.log(`  web-chat guests sip:guest-<8 to 16 of [0-9a-z]>@${pbx.domain}  password ${DEV_GUEST_PASSWORD} (MESSAGE to a desk only)`);
  console.log('Ctrl+C stops it.');
  const stop = () => void pbx.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    console.error(`pbx: ${e.message}`);
    process.exit(1);
  });
}
