/**
 * Wire format of the browser host: the renderer talks to the same handler table as in Electron,
 * over a WebSocket on 127.0.0.1.
 *
 * Launch: the URL the host opens (or prints) carries a one-time launch ticket in its fragment
 * (`#ticket=…`, never sent to a server, but visible in a process list as Chromium's `--app=`
 * argument). The page exchanges it once (`POST /session`, body `{ticket}`) for a session credential
 * that appears in no process list and no log; a used or stale ticket is refused. The credential
 * then travels as a WebSocket subprotocol (`zuoxi-token.<credential>`), so the IPC handshake itself
 * is refused without it.
 */
import { z } from 'zod';
import type { Result } from './result.js';

export const IPC_PATH = '/ipc';
export const IPC_SUBPROTOCOL = 'zuoxi-ipc.v1';
export const TOKEN_SUBPROTOCOL_PREFIX = 'zuoxi-token.';
export const TICKET_FRAGMENT_KEY = 'ticket';
/** Where the page exchanges its launch ticket for a session credential. */
export const SESSION_PATH = '/session';
/** How long a launch ticket may wait for its page. */
export const TICKET_TTL_MS = 120_000;

export const SessionRequestSchema = z.object({ ticket: z.string().min(1).max(128) }).strict();
export interface SessionResponse {
  readonly credential: string;
}
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
