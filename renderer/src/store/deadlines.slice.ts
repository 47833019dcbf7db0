import type { StateCreator } from 'zustand';
import type { VisitDeadline } from '../../../shared/visits';
import type { RootState, StoreDeps } from './types';

/**
 * The running clocks of visits, as the deadline board lists them (soonest due first). Reloaded when
 * a visit or a deadline was written; the countdowns themselves never go through the store (ticker.ts).
 */
export interface DeadlineCounts {
  readonly breached: number;
  readonly dueSoon: number;
  readonly ok: number;
  readonly paused: number;
}

export interface DeadlinesSlice {
  deadlines: readonly VisitDeadline[];
  deadlinesError: string | null;
  /** How many clocks are red / amber / green / paused: set by the deadline watch when one turns. */
  deadlineCounts: DeadlineCounts;
  loadDeadlines(): Promise<void>;
  setDeadlineCounts(counts: DeadlineCounts): void;
}

export const createDeadlinesSlice =
  (deps: StoreDeps): StateCreator<RootState, [], [], DeadlinesSlice> =>
  (set) => ({
    deadlines: [],
    deadlinesError: null,
    deadlineCounts: { breached: 0, dueSoon: 0, ok: 0, paused: 0 },
    setDeadlineCounts: (deadlineCounts) => set({ deadlineCounts }),
    async loadDeadlines() {
      const r = await deps.api.deadlines.running();
      set(r.ok ? { deadlines: r.value, deadlinesError: null } : { deadlinesError: r.error.message });
    },
  });
