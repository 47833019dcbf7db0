/**
 * The renderer's only door to main-side services. In Electron the preload has put the API on
 * `window.zuoxi`; in the browser host the same API is built over a loopback WebSocket that presents
 * the session credential this tab bought with its one-time launch ticket. Nothing else in the
 * renderer knows which host it runs in.
 */
import {
  IPC_PATH,
  IPC_SUBPROTOCOL,
  SESSION_PATH,
  TICKET_FRAGMENT_KEY,
  TOKEN_SUBPROTOCOL_PREFIX,
  type IpcResponse,
  type SessionResponse,
} from '../../../shared/browser-host-protocol';
import { BRIDGE_GLOBAL, createAgentApi, type AgentApi, type Channel } from '../../../shared/ipc-contract';
import { ErrorCode, fail, type Result } from '../../../shared/result';

export class BridgeUnavailableError extends Error {
  constructor(readonly reason: 'no-token' | 'ticket-refused' | 'refused') {
    super(`bridge unavailable: ${reason}`);
    this.name = 'BridgeUnavailableError';
  }
}

const CREDENTIAL_STORAGE_KEY = 'zuoxi.session';

export async function connectBridge(): Promise<AgentApi> {
  const injected = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL];
  if (injected) return injected as AgentApi;
  const credential = await sessionCredential();
  const client = new SocketClient(`ws://${location.host}${IPC_PATH}`, credential);
  await client.open().catch(() => {
    throw new BridgeUnavailableError('refused');
  });
  return createAgentApi((channel, args) => client.invoke(channel, args));
}

/**
 * The launch ticket of `#ticket=…` (removed from the address bar at once) exchanged for a session
 * credential, kept in this tab's session so a reload needs no new ticket; else the one kept before.
 */
async function sessionCredential(): Promise<string> {
  const ticket = new URLSearchParams(location.hash.slice(1)).get(TICKET_FRAGMENT_KEY);
  if (!ticket) {
    const kept = sessionStorage.getItem(CREDENTIAL_STORAGE_KEY);
    if (!kept) throw new BridgeUnavailableError('no-token');
    return kept;
  }
  history.replaceState(null, '', location.pathname + location.search);
  const response = await fetch(SESSION_PATH, { method: 'POST', body: JSON.stringify({ ticket }), cache: 'no-store' }).catch(() => null);
  if (!response) throw new BridgeUnavailableError('refused');
  if (!response.ok) throw new BridgeUnavailableError('ticket-refused');
  const { credential } = (await response.json()) as SessionResponse;
  sessionStorage.setItem(CREDENTIAL_STORAGE_KEY, credential);
  return credential;
}

/** Request/response over one WebSocket; reconnects on the next call after a drop. Never rejects a call. */
class SocketClient {
  private socket: WebSocket | null = null;
  private opening: Promise<WebSocket> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (r: Result<unknown>) => void>();

  constructor(
    private readonly url: string,
    private readonly credential: string,
  ) {}

  open(): Promise<WebSocket> {
    if (this.socket?.readyState === WebSocket.OPEN) return Promise.resolve(this.socket);
    this.opening ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(this.url, [IPC_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + this.credential]);
      ws.onopen = () => {
        this.socket = ws;
        this.opening = null;
        resolve(ws);
      };
      ws.onerror = () => {
        this.opening = null;
        reject(new Error('connection failed'));
      };
      ws.onclose = () => this.dropAll();
      ws.onmessage = (e: MessageEvent<string>) => {
        const response = JSON.parse(e.data) as IpcResponse;
        this.pending.get(response.id)?.(response.result);
        this.pending.delete(response.id);
      };
    });
    return this.opening;
  }

  async invoke(channel: Channel, args: unknown): Promise<Result<unknown>> {
    let ws: WebSocket;
    try {
      ws = await this.open();
    } catch {
      return fail(ErrorCode.Unavailable, 'the Zuoxi host is not reachable');
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      ws.send(JSON.stringify({ id, channel, args }));
    });
  }

  private dropAll(): void {
    this.socket = null;
    for (const resolve of this.pending.values()) resolve(fail(ErrorCode.Unavailable, 'connection to the Zuoxi host was lost'));
    this.pending.clear();
  }
}
