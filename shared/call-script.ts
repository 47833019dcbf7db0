import { z } from 'zod';
import type { Phrase } from './phrases.js';

/**
 * What a call's script must contain (seed 002 section 三): the greeting (R-POLITE), the waiting
 * phrase whenever the caller was put on hold, a check that the caller understood (R-CONFIRM /
 * R-READBACK) and the closing. Recorded with the visit so the team lead sees it.
 */
export const CHECKS = ['greeting', 'waiting', 'confirmed', 'closing'] as const;
export type Check = (typeof CHECKS)[number];

/** `waiting` is null while the call was never held: nothing to say then. */
export const ChecklistSchema = z
  .object({ greeting: z.boolean(), waiting: z.boolean().nullable(), confirmed: z.boolean(), closing: z.boolean() })
  .strict();
export type Checklist = z.infer<typeof ChecklistSchema>;

export const SetChecklistSchema = z.object({ visitId: z.number().int().positive(), checklist: ChecklistSchema }).strict();
export type SetChecklist = z.infer<typeof SetChecklistSchema>;

export const EMPTY_CHECKLIST: Checklist = { greeting: false, waiting: null, confirmed: false, closing: false };

const BY_PHASE: Partial<Record<Phrase['phase'], Check>> = { opening: 'greeting', waiting: 'waiting', closing: 'closing' };

/** The item a phrase ticks: its own `checks`, else its phase's (greeting, waiting, closing). */
export const checkOf = (phrase: Phrase): Check | undefined => phrase.checks ?? BY_PHASE[phrase.phase];

export function markUsed(list: Checklist, check: Check | undefined): Checklist {
  return check && list[check] !== true ? { ...list, [check]: true } : list;
}

/** The caller was put on hold: from now on the waiting phrase is expected. */
export const markHeld = (list: Checklist): Checklist => (list.waiting === null ? { ...list, waiting: false } : list);

/** Items still owed, in script order. */
export const missingChecks = (list: Checklist): Check[] => CHECKS.filter((c) => list[c] === false);

/**
 * A timed script (R-SILENT-5S, R-HANGUP-5S): say each step's phrase, wait `stepMs` for the caller,
 * go on; after the last phrase the agent may hang up. Steps name a phrase and which of its wordings.
 */
export interface ScriptFlow {
  readonly id: 'silent' | 'still-on-line';
  readonly rule: string;
  readonly steps: readonly { readonly phraseId: string; readonly say: number }[];
  readonly stepMs: number;
}

export const SCRIPT_FLOWS: readonly ScriptFlow[] = [
  {
    id: 'silent',
    rule: 'R-SILENT-5S',
    steps: [
      { phraseId: 'silent-1', say: 0 },
      { phraseId: 'silent-1', say: 0 },
      { phraseId: 'silent-end', say: 0 },
    ],
    stepMs: 5_000,
  },
  {
    id: 'still-on-line',
    rule: 'R-HANGUP-5S',
    steps: [
      { phraseId: 'still-on-line', say: 0 },
      { phraseId: 'still-on-line', say: 1 },
    ],
    stepMs: 5_000,
  },
];

export interface FlowPosition {
  /** The step to say now; equals steps.length once every phrase is said and the wait is over. */
  readonly step: number;
  /** Until the next step (or, on the last one, until hanging up is allowed). */
  readonly remainingMs: number;
  readonly mayHangUp: boolean;
}

/** Where a flow started at `startedAt` stands at `now`; from timestamps, so a slow tick changes nothing. */
export function flowAt(flow: ScriptFlow, startedAt: number, now: number): FlowPosition {
  const elapsed = Math.max(0, now - startedAt);
  const step = Math.min(flow.steps.length, Math.floor(elapsed / flow.stepMs));
  const remainingMs = step === flow.steps.length ? 0 : flow.stepMs - (elapsed % flow.stepMs);
  return { step, remainingMs, mayHangUp: step === flow.steps.length };
}
