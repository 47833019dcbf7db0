/**
 * The renderer's only door to main-side services. In Electron the preload has put the API on
 * `window.zuoxi`; in the browser host the same API is built over a loopback WebSocket that presents
 * the per-launch token. Nothing else in the renderer knows which host it runs in.
 */
import {
  IPC_PATH,
  IPC_SUBPROTOCOL,
  TOKEN_FRAGMENT_KEY,
  TOKEN_SUBPROTOCOL_PREFIX,
  type IpcResponse,
} from '../../../shared/browser-host-protocol';
import { BRIDGE_GLOBAL, createAgentApi, type AgentApi, type Channel } from '../../../shared/ipc-contract';
import { ErrorCode, fail, type Result } from '../../../shared/result';

export class BridgeUnavailableError extends Error {
  constructor(readonly reason: 'no-token' | 'refused') {
    super(`bridge unavailable: ${reason}`);
    this.name = 'BridgeUnavailableError';
  }
}

const TOKEN_STORAGE_KEY = 'zuoxi.launchToken';

export async function connectBridge(): Promise<AgentApi> {
  const injected = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL];
  if (injected) return injected as AgentApi;
  const token = takeLaunchToken();
  if (!token) throw new BridgeUnavailableError('no-token');
  const client = new SocketClient(`ws://${location.host}${IPC_PATH}`, token);
  await client.open().catch(() => {
    throw new BridgeUnavailableError('refused');
  });
  return createAgentApi((channel, args) => client.invoke(channel, args));
}

/** Reads the token from `#token=…` (then removes it from the address bar) or from this tab's session. */
function takeLaunchToken(): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get(TOKEN_FRAGMENT_KEY);
  if (fromHash) {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

/** Request/response over one WebSocket; reconnects on the next call after a drop. Never rejects a call. */
class SocketClient {
  private socket: WebSocket | null = null;
  private opening: Promise<WebSocket> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (r: Result<unknown>) => void>();

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  open(): Promise<WebSocket> {
    if (this.socket?.readyState === WebSocket.OPEN) return Promise.resolve(this.socket);
    this.opening ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(this.url, [IPC_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + this.token]);
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
