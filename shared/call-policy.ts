/**
 * Which calls are the customer's and what the far end may make the desk do.
 *
 * - Internal numbers: colleagues, leads, consult and transfer legs are not customer visits
 *   (R-VISIT-LOG logs customers' calls) and stay out of the reports. A number is internal when it
 *   is one of the team's (leads, agents) or matches the site's internal-number pattern.
 * - REFER from the far end: a caller could make the desk dial any URI (toll fraud). The policy is
 *   refuse (default), internal extensions only, or ask the agent; a refusal answers 403.
 * - Numbers pasted with spaces, dashes, dots or brackets dial as their digits.
 */
import { z } from 'zod';

export const REFER_POLICIES = ['refuse', 'internal', 'ask'] as const;
export type ReferPolicy = (typeof REFER_POLICIES)[number];

const compiles = (pattern: string): boolean => {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
};

export const CallPolicySchema = z
  .object({
    /** What a REFER received from the far end may do. */
    refer: z.enum(REFER_POLICIES),
    /** A regular expression over the whole SIP user (e.g. `^[0-9]{4}$` for 4-digit extensions); empty: none. */
    internalNumbers: z.string().max(200).refine(compiles, 'not a valid regular expression'),
  })
  .strict();
export type CallPolicy = z.infer<typeof CallPolicySchema>;

export interface InternalDirectory {
  readonly pattern: string;
  /** Team members' SIP users (leads and agents). */
  readonly members: readonly string[];
}

/** Whether a SIP user is a colleague's extension rather than a customer's number. */
export function isInternalNumber(user: string, directory: InternalDirectory): boolean {
  if (directory.members.includes(user)) return true;
  if (!directory.pattern) return false;
  return new RegExp(`^(?:${directory.pattern})$`).test(user);
}

/**
 * A dial string as agents paste it ("138 0013 8000", "010-12345678", "(010) 1234.5678",
 * "+86 138-0013-8000") with the separators removed; SIP URIs and names are left as they are.
 */
export function normaliseDialString(input: string): string {
  const trimmed = input.trim();
  if (/^\+?[0-9\s().-]+$/.test(trimmed) && /[0-9]/.test(trimmed)) return trimmed.replace(/[\s().-]/g, '');
  return trimmed;
}
