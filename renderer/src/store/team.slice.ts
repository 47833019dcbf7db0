import type { StateCreator } from 'zustand';
import type { RosterEntry } from '../../../shared/team-mail';
import type { TeamStatus } from '../../../shared/team';
import type { RootState, StoreDeps } from './types';

/** This desk's team as the UI shows it: status from the main side, and (on a lead's desk) the live roster. */
export interface TeamSlice {
  teamStatus: TeamStatus | null;
  roster: readonly RosterEntry[];
  /** Admin desk: the directory version each member's desk last answered 200 for, or the failed code. */
  published: Readonly<Record<string, { readonly version: number; readonly code: number }>>;
  setPublished(user: string, version: number, code: number): void;
  /** Bumped when a member's day summary arrives (the weekly report reads again). */
  summariesRevision: number;
  summariesChanged(): void;
  /** Bumped when a monitoring record is written (the records card reads again). */
  monitorRecordsRevision: number;
  monitorRecordsChanged(): void;
  /** Reads the status and the roster again (after a join, a new directory, an admin change). */
  loadTeam(): Promise<void>;
  /** A member's presence arrived (already verified on the main side). */
  setRosterEntry(entry: RosterEntry): void;
}

export const createTeamSlice =
  (deps: StoreDeps): StateCreator<RootState, [], [], TeamSlice> =>
  (set) => ({
    teamStatus: null,
    roster: [],
    published: {},
    summariesRevision: 0,
    summariesChanged: () => set((s) => ({ summariesRevision: s.summariesRevision + 1 })),
    monitorRecordsRevision: 0,
    monitorRecordsChanged: () => set((s) => ({ monitorRecordsRevision: s.monitorRecordsRevision + 1 })),
    setPublished: (user, version, code) => set((s) => ({ published: { ...s.published, [user]: { version, code } } })),
    async loadTeam() {
      const [status, roster] = await Promise.all([deps.api.team.status(), deps.api.team.roster()]);
      set({ ...(status.ok ? { teamStatus: status.value } : {}), ...(roster.ok ? { roster: roster.value } : {}) });
    },
    setRosterEntry: (entry) =>
      set((s) => ({ roster: s.roster.some((e) => e.user === entry.user) ? s.roster.map((e) => (e.user === entry.user ? entry : e)) : [...s.roster, entry] })),
  });
