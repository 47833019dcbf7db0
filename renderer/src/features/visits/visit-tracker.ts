import type { AgentApi } from '../../../../shared/ipc-contract';
import type { CallSnapshot } from '../../../../shared/softphone';
import { CustomerNumberSchema } from '../../../../shared/visits';
import type { AppStore } from '../../store';

/**
 * Opens a visit for every call the agent places (when dialling starts) or answers (when it connects),
 * with number and times filled in, and shows it in the wrap-up form (R-VISIT-LOG). A call back from
 * "today's work" is linked to the visit it follows up.
 */
export function trackVisits(store: AppStore, api: AgentApi): () => void {
  const opened = new Set<string>();
  const open = async (call: CallSnapshot) => {
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
    store.getState().setCurrentVisit(r.value.id);
    store.getState().visitsChanged();
  };
  return store.subscribe((s) => {
    for (const id of opened) if (!s.calls.some((c) => c.id === id)) opened.delete(id);
    for (const call of s.calls) {
      if (opened.has(call.id)) continue;
      if ((call.direction === 'outbound' && call.phase === 'dialing') || (call.direction === 'inbound' && call.phase === 'connected')) void open(call);
    }
  });
}
