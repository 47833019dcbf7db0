/** Launch-address helpers for tests that talk to a browser host without a page (no Playwright here). */
import { SESSION_PATH, TICKET_FRAGMENT_KEY } from '../../shared/browser-host-protocol';

/** Exchanges a launch address's one-time ticket for the session credential, as the page does. */
export async function sessionCredential(url: string): Promise<string> {
  const { origin, hash } = new URL(url);
  const ticket = new URLSearchParams(hash.slice(1)).get(TICKET_FRAGMENT_KEY) ?? '';
  const res = await fetch(`${origin}${SESSION_PATH}`, { method: 'POST', headers: { origin }, body: JSON.stringify({ ticket }) });
  if (!res.ok) throw new Error(`launch ticket refused: ${res.status}`);
  return ((await res.json()) as { credential: string }).credential;
}
