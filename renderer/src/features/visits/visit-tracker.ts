import { isInternalNumber } from '../../../../shared/call-policy';
import type { AgentApi } from '../../../../shared/ipc-contract';
import type { CallSnapshot } from '../../../../shared/softphone';
import { CustomerNumberSchema } from '../../../../shared/visits';
import type { AppStore } from '../../store';

/** How long after a call connects its visit is opened and its form shown. */
const OPEN_DELAY_MS = 400;

/**
 * Logs every customer call as a visit (R-VISIT-LOG), with number and times filled in, and shows it
 * in the wrap-up form. A connected call is logged shortly after it connects (not during call setup,
 * so the form's first render never competes with the answer) and its end is written when it ends;
 * a call that ends without connecting — a missed inbound call, an unanswered outbound attempt — is
 * logged when it ends. A call back from "today's work" is linked to the visit it follows up.
 * Internal calls are not visits: consult and transfer legs, and calls to or from a colleague
 * (the team's numbers or the internal-number pattern of the call policy).
 */
export function trackVisits(store: AppStore, api: AgentApi): () => void {
  /** Call id → the visit it opened (undefined: not a customer call, or the open failed). */
  const opened = new Map<string, Promise<number | undefined>>();
  const live = new Map<string, CallSnapshot>();
  const isInternal = (call: CallSnapshot) => {
    const settings = store.getState().settings;
    if (call.role === 'consult') return true;
    const members = [...(settings?.team.leads ?? []), ...(settings?.team.agents ?? [])];
    return isInternalNumber(call.remoteUser, { pattern: settings?.callPolicy.internalNumbers ?? '', members });
  };
  const open = (call: CallSnapshot, show: boolean): Promise<number | undefined> => {
    let visit = opened.get(call.id);
    if (!visit) opened.set(call.id, (visit = openVisit(call, show)));
    return visit;
  };
  const openVisit = async (call: CallSnapshot, show: boolean): Promise<number | undefined> => {
    const number = CustomerNumberSchema.safeParse(call.remoteUser);
    if (!number.success || isInternal(call)) return undefined; // a colleague, or not a number: nothing to log
    const link = store.getState().callbackFor;
    const r = await api.visits.open({
      channel: 'hotline',
      direction: call.direction,
      customerNumber: number.data,
      ...(call.remoteName ? { customerName: call.remoteName.slice(0, 50) } : {}),
      startedAt: call.startedAt,
      ...(call.answeredAt ? { answeredAt: call.answeredAt } : {}),
      ...(call.endedAt ? { endedAt: call.endedAt } : {}),
      // unique across restarts (engine call ids restart at 1)
      callId: `${call.startedAt}-${call.id}`,
      ...(link?.number === number.data ? { linkedVisitId: link.visitId } : {}),
    });
    if (!r.ok) {
      store.getState().setPhoneError(r.error.message);
      return undefined;
    }
    if (link?.number === number.data) store.getState().setCallbackFor(null);
    store.getState().linkCallVisit(call.id, r.value.id);
    if (show) store.getState().setCurrentVisit(r.value.id);
    store.getState().visitsChanged();
    return r.value.id;
  };
  const ended = async (call: CallSnapshot, visit: Promise<number | undefined>) => {
    const id = await visit;
    if (id === undefined || !call.endedAt) return;
    const r = await api.visits.callEnded({ id, endedAt: call.endedAt });
    if (r.ok) store.getState().visitsChanged();
  };
  return store.subscribe((s) => {
    for (const [id, call] of live) {
      if (s.calls.some((c) => c.id === id)) continue;
      live.delete(id);
      const last = s.lastEndedCall?.id === id ? s.lastEndedCall : call;
      const visit = opened.get(id);
      if (visit) void ended(last, visit);
      else void open(last, last.answeredAt !== undefined); // an answered call's form is shown even when it was short
      opened.delete(id);
    }
    for (const call of s.calls) {
      const before = live.get(call.id);
      live.set(call.id, call);
      if (call.phase === 'connected' && before?.phase !== 'connected') setTimeout(() => {
          const still = live.get(call.id);
          if (still) void open(still, true); // one that ended meanwhile was logged when it ended
        }, OPEN_DELAY_MS);
    }
  });
}
