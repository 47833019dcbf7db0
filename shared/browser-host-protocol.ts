/**
 * Wire format of the browser host: the renderer talks to the same handler table as in Electron,
 * over a WebSocket on 127.0.0.1. The per-launch token travels as a WebSocket subprotocol
 * (`zuoxi-token.<token>`), so the handshake itself is refused without it; the page URL carries it
 * in the fragment (`#token=…`), which browsers never send to a server.
 */
import { z } from 'zod';
import type { Result } from './result.js';

export const IPC_PATH = '/ipc';
export const IPC_SUBPROTOCOL = 'zuoxi-ipc.v1';
export const TOKEN_SUBPROTOCOL_PREFIX = 'zuoxi-token.';
export const TOKEN_FRAGMENT_KEY = 'token';
/** Largest request the host accepts, in bytes. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

export const IpcRequestSchema = z
  .object({
    id: z.number().int().nonnegative(),
    channel: z.string().max(64),
    args: z.unknown().optional(),
  })
  .strict();
export type IpcRequest = z.infer<typeof IpcRequestSchema>;

export interface IpcResponse {
  readonly id: number;
  readonly result: Result<unknown>;
}
