import type { AgentApi } from '../../../../shared/ipc-contract';
import type { CallSnapshot } from '../../../../shared/softphone';
import { CustomerNumberSchema } from '../../../../shared/visits';
import type { AppStore } from '../../store';

/** How long after a call connects its visit is opened and its form shown. */
const OPEN_DELAY_MS = 400;

/**
 * Logs every call as a visit (R-VISIT-LOG), with number and times filled in, and shows it in the
 * wrap-up form. A connected call is logged shortly after it connects (not during call setup, so the
 * form's first render never competes with the answer); a call that ends without connecting — a
 * missed inbound call, an unanswered outbound attempt — is logged when it ends. A call back from
 * "today's work" is linked to the visit it follows up.
 */
export function trackVisits(store: AppStore, api: AgentApi): () => void {
  const opened = new Set<string>();
  const live = new Map<string, CallSnapshot>();
  const open = async (call: CallSnapshot, show: boolean) => {
    if (opened.has(call.id)) return;
    opened.add(call.id);
    const number = CustomerNumberSchema.safeParse(call.remoteUser);
    if (!number.success) return; // not a customer number (e.g. an internal URI): nothing to log
    const link = store.getState().callbackFor;
    const r = await api.visits.open({
      channel: 'hotline',
      direction: call.direction,
      customerNumber: number.data,
      ...(call.remoteName ? { customerName: call.remoteName.slice(0, 50) } : {}),
      startedAt: call.startedAt,
      ...(call.answeredAt ? { answeredAt: call.answeredAt } : {}),
      // unique across restarts (engine call ids restart at 1)
      callId: `${call.startedAt}-${call.id}`,
      ...(link?.number === number.data ? { linkedVisitId: link.visitId } : {}),
    });
    if (!r.ok) return store.getState().setPhoneError(r.error.message);
    if (link?.number === number.data) store.getState().setCallbackFor(null);
    store.getState().linkCallVisit(call.id, r.value.id);
    if (show) store.getState().setCurrentVisit(r.value.id);
    store.getState().visitsChanged();
  };
  return store.subscribe((s) => {
    for (const [id, call] of live) {
      if (s.calls.some((c) => c.id === id)) continue;
      live.delete(id);
      if (!opened.has(id)) void open(s.lastEndedCall?.id === id ? s.lastEndedCall : call, false);
      opened.delete(id);
    }
    for (const call of s.calls) {
      const before = live.get(call.id);
      live.set(call.id, call);
      if (call.phase === 'connected' && before?.phase !== 'connected') setTimeout(() => void open(live.get(call.id) ?? call, true), OPEN_DELAY_MS);
    }
  });
}
