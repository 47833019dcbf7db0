/**
 * Sandboxed preload: exposes `window.zuoxi`, one function per contract entry, each bound to its own
 * channel. ipcRenderer itself is never exposed. Bundled into one file (sandboxed preloads cannot
 * require local modules).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, createAgentApi, type Channel } from '../shared/ipc-contract.js';
import type { Result } from '../shared/result.js';

const api = createAgentApi((channel: Channel, args: unknown) => ipcRenderer.invoke(channel, args) as Promise<Result<unknown>>);
contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, api);
