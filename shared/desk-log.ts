/**
 * The desk's audit log (migration 014): entries that belong to no single visit. The renderer may
 * report only what it alone sees (a refused REFER); exports and retention runs are written by the
 * main side itself.
 */
import { z } from 'zod';

export const DESK_LOG_KINDS = ['refer-refused', 'export', 'retention', 'team-directory', 'team-refused', 'policy-refused', 'kb-semantic'] as const;
export type DeskLogKind = (typeof DESK_LOG_KINDS)[number];

export const ReferRefusedSchema = z
  .object({
    from: z.string().min(1).max(64),
    target: z.string().min(1).max(256),
    policy: z.enum(['refuse', 'internal', 'ask']),
    /** Why: the policy refuses every REFER, the target is not internal, the agent said no or did not answer. */
    reason: z.enum(['policy', 'not-internal', 'agent-declined', 'no-answer']),
  })
  .strict();
export type ReferRefused = z.infer<typeof ReferRefusedSchema>;

export interface DeskLogEntry {
  readonly id: number;
  readonly at: number;
  readonly actor: string;
  readonly kind: DeskLogKind;
  readonly detail: Readonly<Record<string, unknown>>;
}

export const ListDeskLogSchema = z
  .object({ kind: z.enum(DESK_LOG_KINDS).optional(), limit: z.number().int().min(1).max(500).default(100) })
  .strict();
