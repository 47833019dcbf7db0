import { BrowserWindow, dialog } from 'electron';
import { secureWebPreferences } from './security.js';

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly url: string;
}

/** The agent's desk window: one per app instance (single-instance lock in main.ts). */
export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: '坐席 Zuoxi',
    backgroundColor: '#f5f5f5',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(opts.preloadPath),
  });
  win.once('ready-to-show', () => win.show());
  // the renderer refuses to unload during a call (beforeunload): ask the agent, and close only on yes
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'warning',
      buttons: ['挂断并关闭 Hang up and close', '返回通话 Back to the call'],
      defaultId: 1,
      cancelId: 1,
      title: '坐席 Zuoxi',
      message: '通话进行中。关闭会挂断通话。\nA call is in progress; closing hangs it up.',
    });
    if (choice === 0) event.preventDefault(); // preventDefault here means: ignore beforeunload, close
  });
  void win.loadURL(opts.url);
  return win;
}
