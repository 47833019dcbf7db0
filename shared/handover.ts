/** Shift handover (交接班, R-HANDOVER-20MIN): open matters handed from one agent to the next. */
import { z } from 'zod';

const AgentName = z.string().trim().min(1).max(32);

export const CreateHandoverSchema = z
  .object({
    fromAgent: AgentName,
    items: z
      .array(z.object({ text: z.string().trim().min(1).max(500), visitId: z.number().int().positive().optional() }).strict())
      .min(1)
      .max(100),
  })
  .strict();
export type CreateHandover = z.infer<typeof CreateHandoverSchema>;

export const AcknowledgeItemSchema = z.object({ itemId: z.number().int().positive(), by: AgentName }).strict();

export interface HandoverItem {
  readonly id: number;
  readonly text: string;
  readonly visitId: number | null;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAt: number | null;
}

export interface Handover {
  readonly id: number;
  readonly fromAgent: string;
  readonly createdAt: number;
  readonly items: readonly HandoverItem[];
}
