import type { StateCreator } from 'zustand';
import { EMPTY_CHECKLIST, markHeld, markUsed, type Check, type Checklist } from '../../../shared/call-script';
import type { RootState } from './types';

/**
 * The script checklist of each call (softphone call id): ticked by the phrase panel and the timed
 * flows, "waiting" owed once the call was held. The visit tracker links a call to its visit, and the
 * script tracker saves the checklist there (visits.setChecklist).
 */
export interface ScriptSlice {
  checklists: Readonly<Record<string, Checklist>>;
  /** A hang-up waiting for the agent to confirm: the closing phrase was not used yet. */
  hangupAsk: string | null;
  /** Ticks `check` on the call's list (creating the list; no check: just create it). */
  tickCheck(callId: string, check?: Check): void;
  callHeld(callId: string): void;
  /** Forgets the lists of calls no longer in `keep`. */
  pruneChecklists(keep: readonly string[]): void;
  askHangup(callId: string | null): void;
}

export const createScriptSlice: StateCreator<RootState, [], [], ScriptSlice> = (set, get) => {
  const update = (callId: string, next: (l: Checklist) => Checklist) => {
    const before = get().checklists[callId];
    const after = next(before ?? EMPTY_CHECKLIST);
    if (after !== before) set((s) => ({ checklists: { ...s.checklists, [callId]: after } }));
  };
  return {
    checklists: {},
    hangupAsk: null,
    tickCheck: (callId, check) => update(callId, (l) => markUsed(l, check)),
    callHeld: (callId) => update(callId, markHeld),
    pruneChecklists: (keep) => {
      const lists = get().checklists;
      if (Object.keys(lists).every((id) => keep.includes(id))) return;
      set({ checklists: Object.fromEntries(Object.entries(lists).filter(([id]) => keep.includes(id))) });
    },
    askHangup: (hangupAsk) => set({ hangupAsk }),
  };
};
