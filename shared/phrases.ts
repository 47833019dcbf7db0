import { z } from 'zod';
import type { CompliancePolicy } from './compliance.js';

/**
 * The scripted-phrase library (seed 002 section 三, R-POLITE, R-DONT-SAY): standard wording per
 * situation and call phase, with the "不可以说" counter-examples to show and their distinctive parts
 * (`forbid`) for the compliance checker. Shipped in resources/phrases/<locale>.json, versioned.
 */
export const PHASES = ['opening', 'during', 'waiting', 'complaint', 'fault', 'closing'] as const;
export type Phase = (typeof PHASES)[number];

export const PhraseSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,47}$/),
    phase: z.enum(PHASES),
    situation: z.string().min(1).max(80),
    channels: z.array(z.enum(['hotline', 'online'])).min(1),
    say: z.array(z.string().min(1).max(500)).min(1),
    never: z.array(z.string().min(1).max(200)),
    forbid: z.array(z.string().min(2).max(50)),
    rule: z.string().regex(/^R-[A-Z0-9-]+$/).optional(),
    /** The per-call checklist item this phrase ticks when it differs from its phase's (call-script.ts). */
    checks: z.enum(['greeting', 'waiting', 'confirmed', 'closing']).optional(),
  })
  .strict();
export type Phrase = z.infer<typeof PhraseSchema>;

export const PhraseLibrarySchema = z
  .object({ version: z.number().int().positive(), locale: z.enum(['zh-CN', 'en-US']), phrases: z.array(PhraseSchema).min(1) })
  .strict()
  .refine((l) => new Set(l.phrases.map((p) => p.id)).size === l.phrases.length, { message: 'phrase ids must be unique' });
export type PhraseLibrary = z.infer<typeof PhraseLibrarySchema>;

const VARIABLE = /\{([a-zA-Z]+)\}/g;

/** Fills `{name}` variables from context; the ones without a value stay visible and are listed. */
export function fillPhrase(text: string, values: Readonly<Record<string, string | undefined>>): { text: string; missing: string[] } {
  const missing: string[] = [];
  const filled = text.replace(VARIABLE, (whole, name: string) => {
    const v = values[name];
    if (v) return v;
    if (!missing.includes(name)) missing.push(name);
    return whole;
  });
  return { text: filled, missing };
}

/** The checker's counter-example list from a library: each distinctive part suggests its phrase. */
export const forbiddenOf = (library: PhraseLibrary): CompliancePolicy['forbidden'] => library.phrases.flatMap((p) => p.forbid.map((text) => ({ text, suggestion: p.id })));
