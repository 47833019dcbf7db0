import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron's binary is absent here: the window's close-during-a-call question is checked against a
// mock of BrowserWindow (its webContents an event emitter) and of dialog.showMessageBoxSync.
const windows: { webContents: EventEmitter }[] = [];
const showMessageBoxSync = vi.fn();
vi.mock('electron', () => ({
  BrowserWindow: class {
    webContents = new EventEmitter();
    constructor() {
      windows.push(this);
    }
    once() {}
    loadURL() {
      return Promise.resolve();
    }
  },
  dialog: { showMessageBoxSync: (...args: unknown[]) => showMessageBoxSync(...args) },
}));

const { createMainWindow } = await import('../../../electron/window');

/** What the renderer's beforeunload refusal (a live call) leads to: true when the window may close. */
function closeDuringCall(choice: number): boolean {
  showMessageBoxSync.mockReturnValueOnce(choice);
  createMainWindow({ preloadPath: '/p.cjs', url: 'app://zuoxi/index.html' });
  let closes = false;
  windows.at(-1)!.webContents.emit('will-prevent-unload', { preventDefault: () => (closes = true) });
  return closes;
}

describe('closing the desk during a call', () => {
  beforeEach(() => {
    windows.splice(0);
    showMessageBoxSync.mockReset();
  });

  it('asks, and stays open when the agent goes back to the call (the default, and Esc)', () => {
    expect(closeDuringCall(1)).toBe(false);
    expect(showMessageBoxSync).toHaveBeenCalledWith(windows[0], expect.objectContaining({ defaultId: 1, cancelId: 1, message: expect.stringContaining('通话进行中') }));
  });

  it('closes when the agent chooses to hang up and close', () => {
    expect(closeDuringCall(0)).toBe(true);
  });
});
