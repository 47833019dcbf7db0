import type { Checklist } from '../../../../shared/call-script';
import type { AgentApi } from '../../../../shared/ipc-contract';
import type { AppStore } from '../../store';

/**
 * Keeps each call's script checklist (R-POLITE: greeting, waiting when held, understanding
 * confirmed, closing): opened when the call connects, "waiting" owed once it is held, and saved with
 * the call's visit whenever it changes (the visit is logged shortly after the call connects; what was
 * ticked before then is saved as soon as it is). The lists of calls gone and wrapped up are dropped.
 */
export function trackScript(store: AppStore, api: AgentApi): () => void {
  const saved = new Map<string, Checklist>();
  return store.subscribe(() => {
    // each tick notifies this listener again (re-entrantly): read the state afresh after changing it
    for (const call of store.getState().calls) {
      if (call.phase !== 'connected') continue;
      if (!store.getState().checklists[call.id]) store.getState().tickCheck(call.id);
      if (call.held && store.getState().checklists[call.id]?.waiting === null) store.getState().callHeld(call.id);
    }
    const s = store.getState();
    for (const [callId, list] of Object.entries(s.checklists)) {
      const visitId = s.callVisits[callId];
      if (visitId === undefined || saved.get(callId) === list) continue;
      saved.set(callId, list);
      void api.visits.setChecklist({ visitId, checklist: list }).then((r) => (r.ok ? store.getState().visitsChanged() : s.setPhoneError(r.error.message)));
    }
    // the last ended call keeps its list: the closing may still be ticked in wrap-up
    const keep = [...s.calls.map((c) => c.id), ...(s.lastEndedCall ? [s.lastEndedCall.id] : [])];
    s.pruneChecklists(keep);
    for (const id of saved.keys()) if (!keep.includes(id)) saved.delete(id);
  });
}
