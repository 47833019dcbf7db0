/**
 * How long a desk keeps customers' personal data (phone numbers, names, what they said). Off by
 * default, with a visible note in settings; when on, visits older than `days` are anonymised (the
 * figures stay for reports: category, status, times, owner) or deleted, with what belongs to them.
 */
import { z } from 'zod';

export const RetentionPolicySchema = z
  .object({
    /** Keep this many days; null: keep everything (off). */
    days: z.number().int().min(1).max(3650).nullable(),
    action: z.enum(['anonymise', 'delete']),
  })
  .strict();
export type RetentionPolicy = z.infer<typeof RetentionPolicySchema>;

/** What stands in for an anonymised caller's number. */
export const ANONYMISED_NUMBER = '已匿名';

export const DAY_MS = 86_400_000;

/** Visits started before this instant are past the policy (null: the policy is off). */
export const retentionCutoff = (policy: RetentionPolicy, now: number): number | null => (policy.days === null ? null : now - policy.days * DAY_MS);
