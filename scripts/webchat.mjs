// The customer web-chat page's server (issue 18, item 2): the built page (dist/webchat) and its
// /config.json (the PBX's WebSocket, the guest password, the desk to chat with), on loopback only.
//
// Imported by `npm start` (which prints its address) and by the end-to-end tests.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../dist/webchat/', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json' };
export const DEV_WEBCHAT_PORT = 5067;

/** Serves the page; resolves with { url, close } once it listens (port 0: any free port). */
export async function startWebChat({ wsUrl, domain, guestPassword, to = '1001', port = DEV_WEBCHAT_PORT }) {
  if (!existsSync(join(ROOT, 'index.html'))) throw new Error('dist/webchat is not built: npm run build:renderer');
  const config = JSON.stringify({ wsUrl, domain, guestPassword, to });
  const headers = {
    'content-security-policy': `default-src 'self'; connect-src 'self' ${wsUrl}; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET') {
      res.writeHead(405, headers).end();
      return;
    }
    if (path === '/config.json') {
      res.writeHead(200, { ...headers, 'content-type': 'application/json', 'cache-control': 'no-store' }).end(config);
      return;
    }
    const file = normalize(join(ROOT, path === '/' ? 'index.html' : path));
    const type = TYPES[extname(file)];
    if (!file.startsWith(ROOT) || !type || !existsSync(file)) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': type }).end(readFileSync(file));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
