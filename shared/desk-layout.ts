/**
 * The desk's panes and their remembered sizes (issue 15): the phone rail on the left, then on the
 * 工作台 the visit in hand and, beside it, what the agent reads from while talking (knowledge
 * suggestions and the phrases of the phase). A lead's desk adds the roster of its agents.
 * Sizes are pixels, clamped so a pane is never dragged out of use; remembered per desk (SQLite).
 */
import { z } from 'zod';

export const RAIL_PX = { min: 240, max: 480, standard: 300 } as const;
export const ASSIST_PX = { min: 300, max: 760, standard: 420 } as const;
export const ROSTER_PX = { min: 200, max: 420, standard: 240 } as const;

const px = (range: { min: number; max: number }) => z.number().int().min(range.min).max(range.max);

export const DeskLayoutSchema = z.object({ railPx: px(RAIL_PX), assistPx: px(ASSIST_PX), rosterPx: px(ROSTER_PX) }).strict();
export type DeskLayout = z.infer<typeof DeskLayoutSchema>;

/** The panes of the 工作台, left to right, for a desk's role (trainee drills join with trainee mode). */
export type DeskPane = 'roster' | 'visit' | 'assist';
export function panesFor(role: 'agent' | 'lead'): readonly DeskPane[] {
  return role === 'lead' ? ['roster', 'visit', 'assist'] : ['visit', 'assist'];
}

/** A dragged size as the schema keeps it: whole pixels inside the pane's range. */
export function clampPx(value: number, range: { min: number; max: number }): number {
  return Math.min(range.max, Math.max(range.min, Math.round(value)));
}
