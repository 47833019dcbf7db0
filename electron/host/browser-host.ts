import { timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  IPC_PATH,
  IPC_SUBPROTOCOL,
  IpcRequestSchema,
  MAX_REQUEST_BYTES,
  TOKEN_FRAGMENT_KEY,
  TOKEN_SUBPROTOCOL_PREFIX,
  type IpcResponse,
} from '../../shared/browser-host-protocol.js';
import { ErrorCode, fail } from '../../shared/result.js';
import { contentSecurityPolicy } from '../../shared/security-policy.js';
import { dispatch, type Logger } from '../api/dispatch.js';
import type { HandlerTable } from '../api/handlers.js';
import { resolveStaticPath, staticContentType } from '../services/static-files.js';

export interface BrowserHostOptions {
  readonly table: HandlerTable;
  /** The built renderer (dist/renderer). */
  readonly staticDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Per-launch secret the renderer must present to open the IPC socket. */
  readonly token: string;
  readonly log: Logger;
}

export interface BrowserHost {
  readonly port: number;
  readonly origin: string;
  /** The URL to open: origin + `#token=…`. */
  readonly url: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Serves the renderer and the handler table on 127.0.0.1 only. Every HTTP request must name this
 * host (DNS-rebinding guard); the IPC socket additionally requires our own Origin and the token.
 */
export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, LOOPBACK, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${LOOPBACK}:${port}`;
  const allowedHosts = new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([origin, `http://localhost:${port}`]);

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void serveStatic(req, res, opts.staticDir, allowedHosts);
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_REQUEST_BYTES,
    handleProtocols: (protocols) => (protocols.has(IPC_SUBPROTOCOL) ? IPC_SUBPROTOCOL : false),
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = checkUpgrade(req, allowedHosts, allowedOrigins, opts.token);
    if (refusal) {
      opts.log(`refused IPC connection: ${refusal.reason}`);
      socket.end(`HTTP/1.1 ${refusal.status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveIpc(ws, opts.table, opts.log));
  });

  return {
    port,
    origin,
    url: `${origin}/#${TOKEN_FRAGMENT_KEY}=${encodeURIComponent(opts.token)}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function checkUpgrade(
  req: IncomingMessage,
  allowedHosts: ReadonlySet<string>,
  allowedOrigins: ReadonlySet<string>,
  token: string,
): { status: string; reason: string } | null {
  if (new URL(req.url ?? '/', 'http://x').pathname !== IPC_PATH) return { status: '404 Not Found', reason: 'wrong path' };
  if (!allowedHosts.has(req.headers.host ?? '')) return { status: '403 Forbidden', reason: `host ${req.headers.host ?? '(none)'}` };
  if (!allowedOrigins.has(req.headers.origin ?? '')) return { status: '403 Forbidden', reason: `origin ${req.headers.origin ?? '(none)'}` };
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const presented = offered.find((p) => p.startsWith(TOKEN_SUBPROTOCOL_PREFIX))?.slice(TOKEN_SUBPROTOCOL_PREFIX.length);
  if (presented === undefined || !sameSecret(presented, token)) return { status: '401 Unauthorized', reason: 'missing or wrong token' };
  if (!offered.includes(IPC_SUBPROTOCOL)) return { status: '400 Bad Request', reason: 'unsupported protocol' };
  return null;
}

function serveIpc(ws: WebSocket, table: HandlerTable, log: Logger): void {
  ws.on('message', (data, isBinary) => {
    void (async () => {
      let request: unknown;
      try {
        request = isBinary ? undefined : JSON.parse(data.toString());
      } catch {
        request = undefined;
      }
      const parsed = IpcRequestSchema.safeParse(request);
      if (!parsed.success) {
        log('malformed IPC message dropped');
        ws.close(1003, 'malformed message');
        return;
      }
      const response: IpcResponse = {
        id: parsed.data.id,
        result: await dispatch(table, parsed.data.channel, parsed.data.args, log).catch(() => fail(ErrorCode.Internal, 'dispatch failed')),
      };
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
    })();
  });
}

async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, allowedHosts: ReadonlySet<string>): Promise<void> {
  if (!allowedHosts.has(req.headers.host ?? '')) {
    res.writeHead(403).end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const file = resolveStaticPath(root, new URL(req.url ?? '/', 'http://x').pathname);
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': staticContentType(file),
      'content-security-policy': contentSecurityPolicy(),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': file.endsWith('.html') ? 'no-store' : 'max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404).end();
  }
}
