import { canTransition, wrapUpEndEvent, wrapUpEndsIn } from '../../../../shared/agent-state';
import { durationMs } from '../../../../shared/deadlines';
import type { AppStore } from '../../store';

export interface WrapUpOutlets {
  /** The agent is told: the limit is near (`due-soon`), or it passed and the desk moved on (`ended`). */
  readonly alert: (kind: 'due-soon' | 'ended', then: 'ready' | 'not-ready') => void;
}

/**
 * After-call work has a limit (the deadline policy's wrap-up clock, 2 min by default): near it the
 * agent is alerted, and at it the desk leaves wrap-up by itself, to Ready or NotReady as the policy
 * (settings.wrapUpEnd) says, so a forgotten wrap-up never keeps calls away all afternoon.
 */
export function watchWrapUp(store: AppStore, outlets: WrapUpOutlets): () => void {
  let timers: ReturnType<typeof setTimeout>[] = [];
  let watching: number | null = null;
  const clear = () => {
    timers.forEach(clearTimeout);
    timers = [];
    watching = null;
  };
  const arm = (since: number) => {
    clear();
    watching = since;
    const settings = store.getState().settings;
    if (!settings) return;
    const rule = settings.deadlinePolicy.rules['wrap-up'];
    const end = settings.wrapUpEnd;
    const dueAt = since + durationMs(rule.duration);
    const then = wrapUpEndsIn(end, settings.notReadyReasons.map((r) => r.id));
    const at = (ms: number, fn: () => void) => timers.push(setTimeout(fn, Math.max(0, ms - Date.now())));
    at(dueAt - durationMs(rule.dueSoon), () => outlets.alert('due-soon', then));
    at(dueAt, () => {
      const s = store.getState();
      if (s.agent.status !== 'wrap-up' || s.agentSince !== since) return;
      const event = wrapUpEndEvent(end, s.settings?.notReadyReasons.map((r) => r.id) ?? []);
      if (!canTransition(s.agent, event)) return;
      void s.applyAgentEvent(event);
      outlets.alert('ended', then);
    });
  };
  const check = () => {
    const { agent, agentSince } = store.getState();
    if (agent.status !== 'wrap-up') return watching !== null && clear();
    if (watching !== agentSince) arm(agentSince);
  };
  check();
  const off = store.subscribe(check);
  return () => {
    off();
    clear();
  };
}
