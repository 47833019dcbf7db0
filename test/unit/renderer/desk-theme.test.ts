import { describe, expect, it } from 'vitest';
import { DARK_PALETTE, LIGHT_PALETTE, deskTheme } from '../../../renderer/src/desk-theme';

// WCAG 2.1 contrast, with rgba text composited over its background first.
const rgb = (c: string, over: [number, number, number] = [255, 255, 255]): [number, number, number] => {
  const hex = /^#([0-9a-f]{6})$/i.exec(c);
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1]!.slice(i, i + 2), 16)) as [number, number, number];
  const m = /^rgba\((\d+), (\d+), (\d+), ([\d.]+)\)$/.exec(c);
  if (!m) throw new Error(`colour ${c}`);
  const a = Number(m[4]);
  return [1, 2, 3].map((i, k) => Number(m[i]) * a + over[k]! * (1 - a)) as [number, number, number];
};
const luminance = ([r, g, b]: [number, number, number]) => {
  const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const contrast = (text: string, bg: string) => {
  const b = rgb(bg);
  const [hi, lo] = [luminance(rgb(text, b)), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe('desk theme', () => {
  it('keeps every text colour of the light palette at 4.5:1 on white and on its own tint', () => {
    for (const key of ['colorPrimary', 'colorSuccess', 'colorWarning', 'colorError', 'colorTextSecondary', 'colorTextTertiary', 'colorTextPlaceholder'] as const) {
      expect(contrast(LIGHT_PALETTE[key], '#ffffff'), key).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(LIGHT_PALETTE.colorSuccess, LIGHT_PALETTE.colorSuccessBg)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(LIGHT_PALETTE.colorWarning, LIGHT_PALETTE.colorWarningBg)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(LIGHT_PALETTE.colorError, LIGHT_PALETTE.colorErrorBg)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(LIGHT_PALETTE.colorPrimary, LIGHT_PALETTE.colorPrimaryBg)).toBeGreaterThanOrEqual(4.5);
    // white on a primary button
    expect(contrast('#ffffff', LIGHT_PALETTE.colorPrimary)).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps the dark palette\'s text at 4.5:1 on the dark surface', () => {
    for (const key of ['colorLink', 'colorError', 'colorWarning', 'colorSuccess', 'colorTextSecondary', 'colorTextTertiary', 'colorTextPlaceholder'] as const) {
      expect(contrast(DARK_PALETTE[key], '#141414'), key).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('follows the appearance: the dark palette and tab colours only on a dark desk, text size in px', () => {
    const dark = deskTheme({ fontSize: 'large', theme: 'dark', density: 'compact' });
    expect(dark.token).toMatchObject({ fontSize: 16, colorLink: DARK_PALETTE.colorLink });
    expect(dark.components?.Tabs?.itemSelectedColor).toBe(DARK_PALETTE.colorLink);
    expect(dark.algorithm).toHaveLength(2);
    const light = deskTheme({ fontSize: 'small', theme: 'light', density: 'standard' });
    expect(light.token).toMatchObject({ fontSize: 12, colorPrimary: LIGHT_PALETTE.colorPrimary });
    expect(light.components?.Tabs).toBeUndefined();
  });
});
