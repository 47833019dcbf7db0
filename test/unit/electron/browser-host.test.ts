import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createHandlers } from '../../../electron/api/handlers';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/browser-host';
import { createAppContext, type AppContext } from '../../../electron/services/app-context';
import { IPC_PATH, IPC_SUBPROTOCOL, SESSION_PATH, TICKET_TTL_MS, TOKEN_SUBPROTOCOL_PREFIX } from '../../../shared/browser-host-protocol';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const root = join(__dirname, '..', '..', '..');
let host: BrowserHost | undefined;
let ctx: AppContext | undefined;
let clock = 1_000_000;

afterEach(async () => {
  await host?.close();
  ctx?.close();
  host = ctx = undefined;
});

async function start() {
  const staticDir = tempDir();
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>desk</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  ctx = createAppContext({ host: 'browser', version: '9.9.9', dataDir: tempDir(), resourcesDir: join(root, 'resources'), appRoot: root });
  const log = vi.fn();
  host = await startBrowserHost({ table: createHandlers(ctx), staticDir, port: 0, log, now: () => clock });
  return { host, log };
}

function get(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const ticketOf = (url: string) => new URL(url).hash.slice('#ticket='.length);

/** Exchanges a launch ticket: the HTTP status and the credential when one was given. */
async function exchange(h: BrowserHost, ticket: string, origin = h.origin) {
  const res = await fetch(`${h.origin}${SESSION_PATH}`, { method: 'POST', headers: { origin }, body: JSON.stringify({ ticket }) });
  const body = (await res.json().catch(() => ({}))) as { credential?: string };
  return { status: res.status, credential: body.credential };
}

async function credentialOf(h: BrowserHost): Promise<string> {
  const { credential } = await exchange(h, ticketOf(h.launchUrl()));
  return credential!;
}

/** Opens the IPC socket; resolves with the socket or with the HTTP status that refused it. */
async function connect(h: BrowserHost, opts: { token?: string | null; origin?: string; protocols?: (token: string | null) => string[] } = {}) {
  const token = opts.token === undefined ? await credentialOf(h) : opts.token;
  const protocols = opts.protocols?.(token) ?? [IPC_SUBPROTOCOL, ...(token === null ? [] : [TOKEN_SUBPROTOCOL_PREFIX + token])];
  const ws = new WebSocket(`ws://127.0.0.1:${h.port}${IPC_PATH}`, protocols, { origin: opts.origin ?? h.origin });
  return new Promise<WebSocket | number>((resolve) => {
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

const call = (ws: WebSocket, id: number, channel: string, args?: unknown) =>
  new Promise<unknown>((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.send(JSON.stringify({ id, channel, args }));
  });

describe('browser host', () => {
  it('listens on 127.0.0.1 only and gives URLs carrying a fresh launch ticket in the fragment', async () => {
    const { host: h } = await start();
    expect(h.origin).toBe(`http://127.0.0.1:${h.port}`);
    const [a, b] = [h.launchUrl(), h.launchUrl()];
    expect(a).toMatch(new RegExp(`^${h.origin}/#ticket=[A-Za-z0-9_-]{43}$`));
    expect(ticketOf(a)).not.toBe(ticketOf(b));
  });

  it('exchanges a launch ticket once: a second use is refused, and the ticket itself opens no socket', async () => {
    const { host: h, log } = await start();
    const ticket = ticketOf(h.launchUrl());
    const first = await exchange(h, ticket);
    expect(first.status).toBe(200);
    expect(first.credential).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.credential).not.toBe(ticket);
    expect(await exchange(h, ticket)).toEqual({ status: 403, credential: undefined });
    expect(await connect(h, { token: ticket })).toBe(401);
    expect(await connect(h, { token: first.credential! })).toBeInstanceOf(WebSocket);
    expect(log).toHaveBeenCalledWith('refused a launch ticket: used, stale or unknown');
    // the credential is in no log line
    expect(JSON.stringify(log.mock.calls)).not.toContain(first.credential);
  });

  it('refuses a stale ticket, an unknown one, a foreign origin and a GET', async () => {
    const { host: h } = await start();
    const stale = ticketOf(h.launchUrl());
    clock += TICKET_TTL_MS + 1;
    expect((await exchange(h, stale)).status).toBe(403);
    expect((await exchange(h, 'made-up-ticket')).status).toBe(403);
    const fresh = ticketOf(h.launchUrl());
    expect((await exchange(h, fresh, 'https://evil.example')).status).toBe(403);
    expect((await fetch(`${h.origin}${SESSION_PATH}`, { headers: { origin: h.origin } })).status).toBe(405);
    // refused attempts did not spend it
    expect((await exchange(h, fresh)).status).toBe(200);
  });

  it('serves the renderer with the CSP header, and app routes as index.html', async () => {
    const { host: h } = await start();
    const page = await get(h.port, '/visits', { host: `127.0.0.1:${h.port}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>desk</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await get(h.port, '/assets/app.js', { host: `127.0.0.1:${h.port}` })).status).toBe(200);
    expect((await get(h.port, '/assets/missing.js', { host: `127.0.0.1:${h.port}` })).status).toBe(404);
  });

  it('refuses requests that name another host (DNS rebinding)', async () => {
    const { host: h } = await start();
    expect((await get(h.port, '/', { host: `evil.example:${h.port}` })).status).toBe(403);
  });

  it('answers a contract call over the socket with the token', async () => {
    const { host: h } = await start();
    const ws = await connect(h);
    expect(ws).toBeInstanceOf(WebSocket);
    const socket = ws as WebSocket;
    expect(socket.protocol).toBe(IPC_SUBPROTOCOL);
    expect(await call(socket, 1, 'app.getInfo')).toMatchObject({ id: 1, result: { ok: true, value: { version: '9.9.9', host: 'browser' } } });
    expect(await call(socket, 2, 'settings.update', { locale: 7 })).toMatchObject({ id: 2, result: { ok: false, error: { code: 'bad-arguments' } } });
    socket.close();
  });

  it.each<[string, Parameters<typeof connect>[1], number]>([
    ['no token', { token: null }, 401],
    ['a wrong token', { token: 'guess' }, 401],
    ['a credential of the right length but wrong', { token: 'x'.repeat(43) }, 401],
    ['a foreign origin', { origin: 'https://evil.example' }, 403],
    ['no IPC subprotocol', { protocols: (token) => [`${TOKEN_SUBPROTOCOL_PREFIX}${token}`] }, 400],
  ])('refuses the IPC handshake with %s', async (_name, opts, status) => {
    const { host: h, log } = await start();
    expect(await connect(h, opts)).toBe(status);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^refused IPC connection/));
  });

  it('closes the socket on a malformed message', async () => {
    const { host: h } = await start();
    const socket = (await connect(h)) as WebSocket;
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.send('{"not": "a request"');
    expect(await closed).toBe(1003);
  });
});
