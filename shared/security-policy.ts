/**
 * Content-Security-Policy for the renderer, served as a response header by both hosts
 * (Electron's app:// protocol handler and the browser host's HTTP server).
 *
 * - scripts only from the app itself: no inline script, no eval, no remote code;
 * - styles: the app's own plus inline <style> (Ant Design's CSS-in-JS injects them at run time);
 * - connections: the app's own origin, the browser host's loopback IPC socket, and SIP over
 *   WebSocket (ws/wss) to whatever PBX the agent configures;
 * - media: MediaStreams and blobs for call audio and ringtones; no plugins, frames or forms.
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "media-src 'self' blob: mediastream:",
    "object-src 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Browser permissions the app may be granted: microphone/speaker access for calls, and notifications (escalations, deadlines). */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['media', 'notifications']);

/** The scheme and host the Electron build serves its renderer from. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'zuoxi';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
