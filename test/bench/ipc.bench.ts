/**
 * What the browser host's transport costs per contract call: the same `settings.get` (a real SQLite
 * read) dispatched in-process (baseline) and over the loopback WebSocket with a session credential.
 * `npm run bench` writes the figures to bench/results/bench.json; compare the two rows' ratio.
 */
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, bench, describe } from 'vitest';
import WebSocket from 'ws';
import { dispatch } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/api/handlers';
import { startBrowserHost } from '../../electron/host/browser-host';
import { createAppContext } from '../../electron/services/app-context';
import { IPC_PATH, IPC_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX } from '../../shared/browser-host-protocol';
import { sessionCredential } from '../e2e/launch';

const root = join(__dirname, '..', '..');
const ctx = createAppContext({ host: 'browser', version: 'bench', dataDir: mkdtempSync(join(tmpdir(), 'zuoxi-bench-')), resourcesDir: join(root, 'resources'), appRoot: root });
const table = createHandlers(ctx);
const host = await startBrowserHost({ table, staticDir: join(root, 'dist', 'renderer'), port: 0, log: () => {} });
const credential = await sessionCredential(host.launchUrl());
const ws = new WebSocket(`ws://127.0.0.1:${host.port}${IPC_PATH}`, [IPC_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${credential}`], { origin: host.origin });
await new Promise((resolve, reject) => {
  ws.once('open', resolve);
  ws.once('error', reject);
});

let nextId = 0;
const overSocket = () =>
  new Promise<void>((resolve, reject) => {
    const id = nextId++;
    ws.once('message', (data) => {
      const reply = JSON.parse(data.toString()) as { id: number; result: { ok: boolean } };
      if (reply.id === id && reply.result.ok) resolve();
      else reject(new Error('unexpected reply'));
    });
    ws.send(JSON.stringify({ id, channel: 'settings.get' }));
  });

afterAll(async () => {
  ws.close();
  await host.close();
  ctx.close();
});

describe('contract call settings.get', () => {
  bench('in-process dispatch (baseline)', async () => {
    const r = await dispatch(table, 'settings.get', undefined, () => {});
    if (!r.ok) throw new Error('dispatch failed');
  });
  bench('browser host over loopback WebSocket', overSocket);
});
