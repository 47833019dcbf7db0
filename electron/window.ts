import { BrowserWindow } from 'electron';
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
  void win.loadURL(opts.url);
  return win;
}
