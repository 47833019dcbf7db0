import type { StateCreator } from 'zustand';
import type { RootState } from './types';

/**
 * Which visit the wrap-up form shows, and a pending callback link: when the agent calls a customer
 * back from "today's work", the visit opened for that call is linked to the one being followed up.
 * The visits themselves stay in SQLite; components read them through the contract.
 */
export interface VisitsSlice {
  currentVisitId: number | null;
  callbackFor: { readonly number: string; readonly visitId: number } | null;
  /** Bumped whenever a visit or follow-up was written, so lists know to reload. */
  visitsRevision: number;
  /** Softphone call id → the visit logged for it (set by the visit tracker). */
  callVisits: Readonly<Record<string, number>>;
  /** What the agent is writing about the current visit's demand (the desk's knowledge suggestions follow it). */
  currentDescription: { readonly visitId: number; readonly text: string } | null;
  setCurrentDescription(visitId: number, text: string): void;
  linkCallVisit(callId: string, visitId: number): void;
  setCurrentVisit(id: number | null): void;
  setCallbackFor(link: { number: string; visitId: number } | null): void;
  visitsChanged(): void;
  /** Bumped whenever an escalation was created, sent, received or acknowledged. */
  escalationsRevision: number;
  escalationsChanged(): void;
}

export const createVisitsSlice: StateCreator<RootState, [], [], VisitsSlice> = (set) => ({
  currentVisitId: null,
  callbackFor: null,
  visitsRevision: 0,
  callVisits: {},
  currentDescription: null,
  setCurrentDescription: (visitId, text) => set({ currentDescription: { visitId, text } }),
  linkCallVisit: (callId, visitId) => set((s) => ({ callVisits: { ...s.callVisits, [callId]: visitId } })),
  setCurrentVisit: (currentVisitId) => set({ currentVisitId }),
  setCallbackFor: (callbackFor) => set({ callbackFor }),
  visitsChanged: () => set((s) => ({ visitsRevision: s.visitsRevision + 1 })),
  escalationsRevision: 0,
  escalationsChanged: () => set((s) => ({ escalationsRevision: s.escalationsRevision + 1 })),
});
