/**
 * When to try again after the SIP transport drops: exponential backoff with jitter, capped.
 * attempt 0 → about `baseMs`, doubling each time up to `capMs`; the delay is drawn from
 * [half, full] of that value so many desks reconnecting after a PBX restart do not stampede it.
 */
export interface ReconnectPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

/**
 * Capped at 1 s: a desk is back within a second of the PBX (target: re-register < 1 s after the
 * proxy returns). A refused WebSocket connect per desk per second is nothing for a proxy, and the
 * jitter spreads the REGISTER burst of a whole floor over half a second.
 */
export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = { baseMs: 250, capMs: 1_000 };

export function reconnectDelay(attempt: number, random: () => number, policy: ReconnectPolicy = DEFAULT_RECONNECT_POLICY): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
