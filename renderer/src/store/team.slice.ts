import type { StateCreator } from 'zustand';
import type { DeliveryEffect, RosterEntry } from '../../../shared/team-mail';

export type CoachNote = Omit<Extract<DeliveryEffect, { kind: 'coach' }>, 'kind'>;
/** A coach note as kept: with when this desk received it (the lead's clock may differ). */
export type ReceivedCoachNote = CoachNote & { readonly receivedAt: number };
/** The agent's panel keeps this many coach notes (the newest). */
const COACH_NOTES_KEPT = 20;
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
  /** Agent's desk: a lead's coach notes (verified on the main side), newest last. */
  coachNotes: readonly ReceivedCoachNote[];
  addCoachNote(note: CoachNote): void;
}

export const createTeamSlice =
  (deps: StoreDeps): StateCreator<RootState, [], [], TeamSlice> =>
  (set) => ({
    teamStatus: null,
    roster: [],
    coachNotes: [],
    addCoachNote: (note) => set((s) => ({ coachNotes: [...s.coachNotes, { ...note, receivedAt: deps.now() }].slice(-COACH_NOTES_KEPT) })),
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
