import { describe, expect, it } from 'vitest';
import { ASSIST_PX, DeskLayoutSchema, RAIL_PX, ROSTER_PX, clampPx, panesFor } from '../../../shared/desk-layout';
import { readFileSync } from 'node:fs';

describe('desk layout', () => {
  it('gives a lead the roster before the visit and the assist pane; an agent only the two', () => {
    expect(panesFor('agent')).toEqual(['visit', 'assist']);
    expect(panesFor('lead')).toEqual(['roster', 'visit', 'assist']);
  });

  it('keeps a dragged size in whole pixels inside the pane\'s range', () => {
    expect(clampPx(333.6, RAIL_PX)).toBe(334);
    expect(clampPx(10, RAIL_PX)).toBe(RAIL_PX.min);
    expect(clampPx(5000, ASSIST_PX)).toBe(ASSIST_PX.max);
  });

  it('refuses sizes out of range or fractional, and ships standard sizes that it accepts', () => {
    expect(DeskLayoutSchema.safeParse({ railPx: RAIL_PX.min - 1, assistPx: 420, rosterPx: 240 }).success).toBe(false);
    expect(DeskLayoutSchema.safeParse({ railPx: 300.5, assistPx: 420, rosterPx: 240 }).success).toBe(false);
    const shipped = JSON.parse(readFileSync('resources/defaults/settings.json', 'utf8')).deskLayout;
    expect(DeskLayoutSchema.parse(shipped)).toEqual({ railPx: RAIL_PX.standard, assistPx: ASSIST_PX.standard, rosterPx: ROSTER_PX.standard });
  });
});
