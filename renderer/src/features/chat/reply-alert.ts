import { durationMs, levelAt, schedule, startClock } from '../../../../shared/deadlines';
import type { AppStore } from '../../store';
import { onTick } from '../deadlines';

/**
 * The reply clock's alerts (R-REPLY-3MIN, issue 18 item 4): once when a waiting customer's clock
 * turns due-soon, once when it runs out, whichever tab is on screen. A reply stops the clock, and
 * the next message the customer writes starts a new one with alerts of its own.
 */
export function watchReplyClocks(store: AppStore, alert: (kind: 'due-soon' | 'breached', peer: string, conv: string) => void): () => void {
  const told = new Set<string>();
  return onTick((now) => {
    const { chatClocks, settings } = store.getState();
    const policy = settings?.deadlinePolicy;
    if (!policy) return;
    const rule = policy.rules.reply;
    const running = new Set<string>();
    for (const c of chatClocks) {
      if (c.clock !== 'reply') continue;
      const s = schedule(startClock(rule, c.startedAt, policy.businessHours), durationMs(rule.dueSoon), policy.businessHours);
      if (!s) continue;
      const level = levelAt(s, now);
      const key = `${c.conv}@${c.startedAt}`;
      running.add(`${key}:due-soon`).add(`${key}:breached`);
      for (const kind of level === 'breached' ? (['due-soon', 'breached'] as const) : level === 'due-soon' ? (['due-soon'] as const) : []) {
        if (told.has(`${key}:${kind}`)) continue;
        told.add(`${key}:${kind}`);
        // a clock first seen already breached (a reload) says so once, not "due soon" as well
        if (kind === 'due-soon' && level === 'breached') continue;
        alert(kind, c.peer, c.conv);
      }
    }
    for (const key of told) if (!running.has(key)) told.delete(key);
  });
}
