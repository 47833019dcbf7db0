import type { AgentApi } from '../../../../shared/ipc-contract';
import type { MonitorSnapshot } from '../../../../shared/softphone';
import type { AppStore } from '../../store';

/**
 * Keeps every monitoring leg of this desk on its main side for the spot checks (R-MONITOR): when
 * it connects (with the visit of the customer call, on the agent's side), each mode switch, and
 * its end. Both desks record their own side.
 */
export function recordMonitoring(store: AppStore, api: AgentApi): () => void {
  const records = new Map<string, Promise<number | null>>();
  let known = new Map<string, MonitorSnapshot>();
  const changed = () => store.getState().monitorRecordsChanged();
  return store.subscribe((s, before) => {
    if (s.monitors === before.monitors) return;
    const now = Date.now();
    for (const m of s.monitors) {
      const prev = known.get(m.id);
      if (m.phase !== 'connected') continue;
      if (prev?.phase !== 'connected') {
        const call = s.calls.find((c) => c.phase === 'connected' && c.role === 'customer');
        const visitId = m.side === 'agent' && call ? s.callVisits[call.id] : undefined;
        const started = api.monitoring.started({ side: m.side, peer: m.peer, ...(m.peerName ? { peerName: m.peerName } : {}), mode: m.mode, at: now, ...(visitId ? { visitId } : {}) });
        records.set(m.id, started.then((r) => (changed(), r.ok ? r.value.id : null)));
      } else if (prev.mode !== m.mode) {
        void records.get(m.id)?.then(async (id) => {
          if (id !== null) await api.monitoring.changed({ id, mode: m.mode, at: now }).then(changed);
        });
      }
    }
    for (const [legId, prev] of known) {
      if (prev.phase === 'connected' && !s.monitors.some((m) => m.id === legId)) {
        void records.get(legId)?.then(async (id) => {
          if (id !== null) await api.monitoring.ended({ id, at: now }).then(changed);
        });
        records.delete(legId);
      }
    }
    known = new Map(s.monitors.map((m) => [m.id, m]));
  });
}
