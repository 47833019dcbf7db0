import type { BrowserWindowConstructorOptions, IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { ALLOWED_PERMISSIONS } from '../shared/security-policy.js';

/**
 * Electron security checklist, in one place:
 * context isolation + sandbox, no Node in the renderer, CSP (served with every app:// response),
 * only `media` (audio) permission and only for the app's own origin, no navigation, no new windows,
 * no <webview>, and IPC accepted only from the app's own main frame.
 */
export function secureWebPreferences(preloadPath: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/** Whether a URL belongs to one of the app's own origins (exact origin match, no prefixes). */
export function isOwnOrigin(url: string, allowedOrigins: readonly string[]): boolean {
  let origin: string;
  try {
    const parsed = new URL(url);
    // Custom schemes (app://) report origin "null" in WHATWG URL; rebuild it from scheme + host.
    origin = parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
  } catch {
    return false;
  }
  return allowedOrigins.includes(origin);
}

export interface PermissionRequest {
  readonly permission: string;
  readonly requestingUrl: string;
  /** For `media`: what is asked for ('audio', 'video'); a softphone needs audio only. */
  readonly mediaTypes?: readonly string[] | undefined;
}

/** Grants `media` for audio and `notifications` to the app's own origin; refuses everything else (camera, geolocation, …). */
export function decidePermission(req: PermissionRequest, allowedOrigins: readonly string[]): boolean {
  if (!ALLOWED_PERMISSIONS.has(req.permission)) return false;
  if (!isOwnOrigin(req.requestingUrl, allowedOrigins)) return false;
  return (req.mediaTypes ?? []).every((t) => t === 'audio');
}

export interface SenderFrame {
  readonly url: string;
  readonly isMainFrame: boolean;
}

/** IPC is served only to the app's own top-level document: not iframes, not navigated-away frames. */
export function isTrustedSender(frame: SenderFrame | null, allowedOrigins: readonly string[]): boolean {
  return frame !== null && frame.isMainFrame && isOwnOrigin(frame.url, allowedOrigins);
}

export function senderFrameOf(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): SenderFrame | null {
  const frame = event.senderFrame;
  if (!frame) return null;
  return { url: frame.url, isMainFrame: frame.parent === null };
}

export function installSessionSecurity(session: Session, allowedOrigins: readonly string[]): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(decidePermission({ permission, requestingUrl: details.requestingUrl, mediaTypes }, allowedOrigins));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    decidePermission(
      { permission, requestingUrl: requestingOrigin, mediaTypes: details.mediaType ? [details.mediaType] : undefined },
      allowedOrigins,
    ),
  );
  session.setDevicePermissionHandler(() => false);
}

/** Applied to every WebContents the app creates: nothing navigates away, opens windows or embeds webviews. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
