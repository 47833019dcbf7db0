/**
 * Electron main process: lifecycle only. Services are opened after 'ready' and closed on quit;
 * everything else lives in the modules this file wires together.
 */
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { join, resolve } from 'node:path';
import { APP_ORIGIN } from '../shared/security-policy.js';
import { createHandlers } from './api/handlers.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { registerIpc } from './ipc/electron-ipc.js';
import { safeStorageSecretStore } from './safe-storage.js';
import { hardenWebContents, installSessionSecurity } from './security.js';
import { createAppContext, type AppContext } from './services/app-context.js';
import { deskArgs, deskDataDir, seedDevLine } from './services/dev-line.js';
import { createMainWindow } from './window.js';

// dist/electron/main.cjs → project (or app.asar) root
const appRoot = resolve(__dirname, '..', '..');
const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(appRoot, 'resources');
const devServerUrl = app.isPackaged ? undefined : process.env['ZUOXI_DEV_SERVER_URL'];
const allowedOrigins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN];
const log = (message: string, detail?: unknown) => console.error(`[zuoxi] ${message}`, detail ?? '');

// `npm start -- --desk 2`: a second desk on the same machine, with its own data (and instance lock)
const { desk, devPbx } = deskArgs(process.argv);
if (desk > 1) app.setPath('userData', deskDataDir(app.getPath('userData'), desk));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  let ctx: AppContext | undefined;

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => ctx?.close());

  void app.whenReady().then(() => {
    const secrets = safeStorageSecretStore();
    ctx = createAppContext({
      host: 'electron',
      version: app.getVersion(),
      dataDir: app.getPath('userData'),
      resourcesDir,
      appRoot,
      ...(secrets ? { secrets } : {}),
    });
    if (devPbx && seedDevLine(ctx.sipAccount, desk, devPbx)) log(`desk ${desk}: SIP line set to the dev PBX`);
    installSessionSecurity(session.defaultSession, allowedOrigins);
    serveRenderer(join(appRoot, 'dist', 'renderer'));
    registerIpc(ipcMain, createHandlers(ctx), allowedOrigins, log);
    createMainWindow({ preloadPath: join(__dirname, 'preload.cjs'), url: devServerUrl ?? `${APP_ORIGIN}/index.html` });
  });
}
