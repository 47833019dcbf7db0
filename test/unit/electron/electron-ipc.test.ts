import { describe, expect, it, vi } from 'vitest';
import type { HandlerTable } from '../../../electron/api/handlers';
import { registerIpc } from '../../../electron/ipc/electron-ipc';
import { CHANNELS } from '../../../shared/ipc-contract';
import { APP_ORIGIN } from '../../../shared/security-policy';

vi.mock('electron', () => ({}));

type Listener = (event: unknown, args: unknown) => unknown;

function setup() {
  const handlers = new Map<string, Listener>();
  const ipcMain = { handle: (channel: string, fn: Listener) => void handlers.set(channel, fn) };
  const getInfo = vi.fn(() => ({ name: 'zuoxi' }));
  const table = { 'app.getInfo': getInfo } as unknown as HandlerTable;
  const log = vi.fn();
  registerIpc(ipcMain as never, table, [APP_ORIGIN], log);
  const call = (frame: { url: string; parent: unknown } | null) => handlers.get('app.getInfo')!({ senderFrame: frame }, undefined);
  return { handlers, getInfo, log, call };
}

describe('Electron IPC transport', () => {
  it('registers one handler per contract channel', () => {
    expect([...setup().handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('serves the app’s own main frame', async () => {
    const { call, getInfo } = setup();
    expect(await call({ url: `${APP_ORIGIN}/index.html`, parent: null })).toEqual({ ok: true, value: { name: 'zuoxi' } });
    expect(getInfo).toHaveBeenCalledOnce();
  });

  it.each([
    ['a foreign origin', { url: 'https://evil.example/index.html', parent: null }],
    ['a look-alike origin', { url: 'app://zuoxi.evil/index.html', parent: null }],
    ['a file URL', { url: 'file:///etc/passwd', parent: null }],
    ['an iframe of the app', { url: `${APP_ORIGIN}/index.html`, parent: {} }],
    ['a frame that is gone', null],
  ])('refuses %s without calling the handler', async (_name, frame) => {
    const { call, getInfo, log } = setup();
    expect(await call(frame)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(getInfo).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledOnce();
  });
});
