/**
 * How the desk looks for a long day, remembered per desk: text size, light or dark, and density.
 * (Issue 15, comfort; pane sizes are in desk-layout.ts.)
 */
import { z } from 'zod';

export const FONT_SIZES = ['small', 'standard', 'large'] as const;
export const THEMES = ['light', 'dark'] as const;
export const DENSITIES = ['standard', 'compact'] as const;

export const AppearanceSchema = z
  .object({ fontSize: z.enum(FONT_SIZES), theme: z.enum(THEMES), density: z.enum(DENSITIES) })
  .strict();
export type Appearance = z.infer<typeof AppearanceSchema>;

/** Ant Design's base font size (px) for each choice; its other sizes follow from it. */
export const FONT_SIZE_PX: Readonly<Record<Appearance['fontSize'], number>> = { small: 12, standard: 14, large: 16 };
