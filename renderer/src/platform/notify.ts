/**
 * An OS notification. Electron shows the renderer's Notification natively (the main process allows
 * the permission for the app's own origin only); in the browser host the page asks once. `tag`
 * replaces an earlier notification about the same thing instead of stacking a second one.
 */
export function notify(title: string, body: string, tag: string): void {
  if (typeof Notification === 'undefined') return;
  const show = () => new Notification(title, { body, tag });
  if (Notification.permission === 'granted') show();
  else if (Notification.permission === 'default') void Notification.requestPermission().then((p) => p === 'granted' && show());
}
