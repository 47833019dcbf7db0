import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron's binary is absent on these machines: the real `electron` module cannot load here, so the
// window factory and session wiring are checked against a recording mock of its API.
const created: { options: Record<string, unknown>; url?: string }[] = [];
vi.mock('electron', () => ({
  BrowserWindow: class {
    webContents = { on() {} };
    constructor(options: Record<string, unknown>) {
      created.push({ options });
    }
    once() {}
    loadURL(url: string) {
      created.at(-1)!.url = url;
      return Promise.resolve();
    }
  },
  dialog: {},
}));

const { createMainWindow } = await import('../../../electron/window');
const { decidePermission, hardenWebContents, installSessionSecurity, isTrustedSender } = await import('../../../electron/security');
const { APP_ORIGIN, contentSecurityPolicy } = await import('../../../shared/security-policy');

const own = [APP_ORIGIN];

describe('Electron security checklist', () => {
  beforeEach(() => void created.splice(0));

  it('creates the window isolated and sandboxed, without Node, webviews or insecure content', () => {
    createMainWindow({ preloadPath: '/app/dist/electron/preload.cjs', url: `${APP_ORIGIN}/index.html` });
    expect(created).toHaveLength(1);
    expect(created[0]!.url).toBe(`${APP_ORIGIN}/index.html`);
    expect(created[0]!.options['webPreferences']).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it.each<[string, Parameters<typeof decidePermission>[0], boolean]>([
    ['microphone for the app', { permission: 'media', requestingUrl: `${APP_ORIGIN}/index.html`, mediaTypes: ['audio'] }, true],
    ['media check without types for the app', { permission: 'media', requestingUrl: `${APP_ORIGIN}/` }, true],
    ['camera for the app', { permission: 'media', requestingUrl: `${APP_ORIGIN}/`, mediaTypes: ['audio', 'video'] }, false],
    ['microphone for another origin', { permission: 'media', requestingUrl: 'https://evil.example/', mediaTypes: ['audio'] }, false],
    ['geolocation for the app', { permission: 'geolocation', requestingUrl: `${APP_ORIGIN}/` }, false],
    ['notifications for the app (escalations)', { permission: 'notifications', requestingUrl: `${APP_ORIGIN}/` }, true],
    ['notifications for another origin', { permission: 'notifications', requestingUrl: 'https://evil.example/' }, false],
    ['clipboard read for the app', { permission: 'clipboard-read', requestingUrl: `${APP_ORIGIN}/` }, false],
    ['media for an unparsable URL', { permission: 'media', requestingUrl: 'not a url', mediaTypes: ['audio'] }, false],
  ])('permission: %s → %s', (_name, request, granted) => {
    expect(decidePermission(request, own)).toBe(granted);
  });

  it('wires the permission request, check and device handlers to that decision', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    installSessionSecurity(session as never, own);
    const onRequest = session.setPermissionRequestHandler.mock.calls[0]![0];
    const answers: boolean[] = [];
    onRequest({}, 'media', (ok: boolean) => answers.push(ok), { requestingUrl: `${APP_ORIGIN}/`, mediaTypes: ['audio'] });
    onRequest({}, 'media', (ok: boolean) => answers.push(ok), { requestingUrl: 'https://evil.example/', mediaTypes: ['audio'] });
    onRequest({}, 'openExternal', (ok: boolean) => answers.push(ok), { requestingUrl: `${APP_ORIGIN}/` });
    expect(answers).toEqual([true, false, false]);
    const onCheck = session.setPermissionCheckHandler.mock.calls[0]![0];
    expect(onCheck({}, 'media', APP_ORIGIN, { mediaType: 'audio' })).toBe(true);
    expect(onCheck({}, 'media', APP_ORIGIN, { mediaType: 'video' })).toBe(false);
    expect(session.setDevicePermissionHandler.mock.calls[0]![0]()).toBe(false);
  });

  it('prevents navigation, redirects and webviews, and denies new windows', () => {
    const listeners = new Map<string, (e: { preventDefault: () => void }) => void>();
    let openHandler: (() => unknown) | undefined;
    hardenWebContents({
      on: (name: string, fn: (e: { preventDefault: () => void }) => void) => listeners.set(name, fn),
      setWindowOpenHandler: (fn: () => unknown) => (openHandler = fn),
    } as never);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      listeners.get(name)!({ preventDefault });
      expect(preventDefault, name).toHaveBeenCalledOnce();
    }
    expect(openHandler!()).toEqual({ action: 'deny' });
  });

  it('trusts only the app’s own top-level frame', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, isMainFrame: true }, own)).toBe(true);
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, isMainFrame: false }, own)).toBe(false);
    expect(isTrustedSender({ url: 'http://127.0.0.1:5173/', isMainFrame: true }, own)).toBe(false);
    expect(isTrustedSender(null, own)).toBe(false);
  });

  it('serves a CSP that forbids inline and remote script, frames and plugins', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|http)/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
