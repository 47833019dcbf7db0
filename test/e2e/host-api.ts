import WebSocket from 'ws';
import { IPC_PATH, IPC_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX, type IpcResponse } from '../../shared/browser-host-protocol';
import { sessionCredential } from './launch';
import type { RunningHost } from './harness';

export interface HostApi {
  /** One contract call over the host's socket, exactly as the renderer makes it. */
  call(channel: string, args: unknown): Promise<IpcResponse['result']>;
  /** Ends the socket; calls still waiting resolve as unavailable. */
  close(): void;
}

/** A second client of a running desk host (its own session from a fresh launch ticket): the contract seen from outside the UI. */
export async function hostApi(host: RunningHost, launchUrl?: string): Promise<HostApi> {
  const token = await sessionCredential(launchUrl ?? (await host.newUrl()));
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}${IPC_PATH}`, [IPC_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + token], { origin: host.origin });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const pending = new Map<number, (r: IpcResponse['result']) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as IpcResponse;
    pending.get(msg.id)?.(msg.result);
    pending.delete(msg.id);
  });
  let nextId = 1;
  return {
    call: (channel, args) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, channel, args }));
      }),
    close: () => {
      ws.terminate();
      for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'unavailable', message: 'closed' } });
      pending.clear();
    },
  };
}
