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
  SESSION_PATH,
  SessionRequestSchema,
  TICKET_FRAGMENT_KEY,
  TOKEN_SUBPROTOCOL_PREFIX,
  type IpcResponse,
  type SessionResponse,
} from '../../shared/browser-host-protocol.js';
import { ErrorCode, fail } from '../../shared/result.js';
import { contentSecurityPolicy } from '../../shared/security-policy.js';
import { dispatch, type Logger } from '../api/dispatch.js';
import type { HandlerTable } from '../api/handlers.js';
import { resolveStaticPath, staticContentType } from '../services/static-files.js';
import { LaunchTickets } from './launch-tickets.js';

export interface BrowserHostOptions {
  readonly table: HandlerTable;
  /** The built renderer (dist/renderer). */
  readonly staticDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly log: Logger;
  /** Clock of the launch tickets (tests). */
  readonly now?: () => number;
}

export interface BrowserHost {
  readonly port: number;
  readonly origin: string;
  /** A URL to open, with a fresh one-time launch ticket (`#ticket=…`). */
  launchUrl(): string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

const SESSION_BODY_MAX = 512;

/**
 * Serves the renderer and the handler table on 127.0.0.1 only. Every HTTP request must name this
 * host (DNS-rebinding guard); the ticket exchange and the IPC socket additionally require our own
 * Origin, and the socket a session credential bought with a launch ticket.
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

  const tickets = new LaunchTickets(opts.now);

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (new URL(req.url ?? '/', 'http://x').pathname === SESSION_PATH) void exchangeTicket(req, res, tickets, allowedHosts, allowedOrigins, opts.log);
    else void serveStatic(req, res, opts.staticDir, allowedHosts);
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_REQUEST_BYTES,
    handleProtocols: (protocols) => (protocols.has(IPC_SUBPROTOCOL) ? IPC_SUBPROTOCOL : false),
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = checkUpgrade(req, allowedHosts, allowedOrigins, tickets);
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
    launchUrl: () => `${origin}/#${TICKET_FRAGMENT_KEY}=${tickets.mint()}`,
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
  tickets: LaunchTickets,
): { status: string; reason: string } | null {
  if (new URL(req.url ?? '/', 'http://x').pathname !== IPC_PATH) return { status: '404 Not Found', reason: 'wrong path' };
  if (!allowedHosts.has(req.headers.host ?? '')) return { status: '403 Forbidden', reason: `host ${req.headers.host ?? '(none)'}` };
  if (!allowedOrigins.has(req.headers.origin ?? '')) return { status: '403 Forbidden', reason: `origin ${req.headers.origin ?? '(none)'}` };
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const presented = offered.find((p) => p.startsWith(TOKEN_SUBPROTOCOL_PREFIX))?.slice(TOKEN_SUBPROTOCOL_PREFIX.length);
  if (presented === undefined || !tickets.isSession(presented)) return { status: '401 Unauthorized', reason: 'missing or wrong session credential' };
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

/** `POST /session {ticket}` → `{credential}` once per ticket; 403 for a used, stale or unknown one. */
async function exchangeTicket(
  req: IncomingMessage,
  res: ServerResponse,
  tickets: LaunchTickets,
  allowedHosts: ReadonlySet<string>,
  allowedOrigins: ReadonlySet<string>,
  log: Logger,
): Promise<void> {
  const headers = { 'cache-control': 'no-store', 'content-type': 'application/json' };
  if (!allowedHosts.has(req.headers.host ?? '') || !allowedOrigins.has(req.headers.origin ?? '')) {
    res.writeHead(403, headers).end();
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { ...headers, allow: 'POST' }).end();
    return;
  }
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > SESSION_BODY_MAX) break;
  }
  let ticket: string | undefined;
  try {
    ticket = SessionRequestSchema.parse(JSON.parse(body)).ticket;
  } catch {
    ticket = undefined;
  }
  const credential = ticket === undefined ? null : tickets.redeem(ticket);
  if (!credential) {
    log('refused a launch ticket: used, stale or unknown');
    res.writeHead(403, headers).end(JSON.stringify({ error: 'ticket-refused' }));
    return;
  }
  const response: SessionResponse = { credential };
  res.writeHead(200, headers).end(JSON.stringify(response));
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
