import { durationMs, levelAt, schedule, type Schedule } from '../../../../shared/deadlines';
import type { NewEscalation } from '../../../../shared/escalation';
import type { AgentApi } from '../../../../shared/ipc-contract';
import type { VisitDeadline } from '../../../../shared/visits';
import type { AppStore } from '../../store';
import type { DeadlineCounts } from '../../store/deadlines.slice';
import { onTick } from './ticker';

/** A breach first seen later than this after it happened (the desk was off) is not escalated: it is already on the board in red. */
export const ESCALATE_WITHIN_MS = 60 * 60_000;

export interface AlertOutlets {
  notify(title: string, body: string, tag: string): void;
  escalate(input: NewEscalation): void;
  /** "投诉回复即将到期：13800138000" / a summary when several are due at once. */
  text(kind: 'due-soon' | 'breached', d: VisitDeadline): string;
  summary(count: number): string;
}

interface Row {
  readonly d: VisitDeadline;
  readonly s: Schedule | null;
  soon: boolean;
  breached: boolean;
}

/**
 * Watches every running clock of every visit, whichever tab is on screen: reloads them when a visit
 * or deadline was written, and on each tick compares each clock's precomputed amber / red instants
 * with the time. A clock turning amber or red is reported to the main side first; only the desk
 * window that gets `true` (the first to tell) notifies, and escalates a breach whose rule says so.
 * Level counts go to the store only when one changes, so the board header re-renders on transitions
 * and never on ticks.
 */
export function watchDeadlines(store: AppStore, api: AgentApi, out: AlertOutlets): () => void {
  let rows: Row[] = [];
  let counts: DeadlineCounts = { breached: 0, dueSoon: 0, ok: 0, paused: 0 };

  const rebuild = () => {
    const { deadlines, settings } = store.getState();
    const policy = settings?.deadlinePolicy;
    if (!policy) return;
    rows = deadlines.map((d) => ({
      d,
      s: schedule(d, durationMs(policy.rules[d.clock].dueSoon), policy.businessHours),
      soon: d.soonAlertedAt !== null,
      breached: d.breachAlertedAt !== null,
    }));
    tick(Date.now());
  };

  const tick = (now: number) => {
    const next = { breached: 0, dueSoon: 0, ok: 0, paused: 0 };
    const fresh: [Row, 'due-soon' | 'breached'][] = [];
    for (const row of rows) {
      if (!row.s) {
        next.paused++;
        continue;
      }
      const level = levelAt(row.s, now);
      if (level === 'breached') {
        next.breached++;
        if (!row.breached) {
          row.breached = row.soon = true;
          fresh.push([row, 'breached']);
        }
      } else if (level === 'due-soon') {
        next.dueSoon++;
        if (!row.soon) {
          row.soon = true;
          fresh.push([row, 'due-soon']);
        }
      } else next.ok++;
    }
    if (next.breached !== counts.breached || next.dueSoon !== counts.dueSoon || next.ok !== counts.ok || next.paused !== counts.paused) {
      counts = next;
      store.getState().setDeadlineCounts(next);
    }
    if (fresh.length > 0) void deliver(fresh, now);
  };

  const deliver = async (fresh: [Row, 'due-soon' | 'breached'][], now: number) => {
    const policy = store.getState().settings?.deadlinePolicy;
    if (!policy) return;
    const told: [Row, 'due-soon' | 'breached'][] = [];
    for (const [row, kind] of fresh) {
      const r = await api.deadlines.alerted({ id: row.d.id, kind });
      if (r.ok && r.value) told.push([row, kind]);
    }
    const shown = told.filter(([row]) => policy.rules[row.d.clock].onBreach.includes('notify'));
    if (shown.length === 1) out.notify(out.text(shown[0]![1], shown[0]![0].d), shown[0]![0].d.summary, `deadline-${shown[0]![0].d.id}`);
    else if (shown.length > 1) out.notify(out.summary(shown.length), shown.map(([row, kind]) => out.text(kind, row.d)).slice(0, 5).join('\n'), 'deadlines');
    for (const [row, kind] of told) {
      const d = row.d;
      if (kind !== 'breached' || !policy.rules[d.clock].onBreach.includes('escalate') || now - row.s!.dueAt > ESCALATE_WITHIN_MS) continue;
      out.escalate({ reason: 'breach', visitId: d.visitId, customerNumber: d.customerNumber, ...(d.customerName ? { customerName: d.customerName } : {}), note: out.text('breached', d).slice(0, 500) });
    }
  };

  const offStore = store.subscribe((s, before) => {
    if (s.visitsRevision !== before.visitsRevision) void s.loadDeadlines();
    if (s.deadlines !== before.deadlines || s.settings?.deadlinePolicy !== before.settings?.deadlinePolicy) rebuild();
  });
  void store.getState().loadDeadlines();
  const offTick = onTick(tick);
  return () => {
    offStore();
    offTick();
  };
}
