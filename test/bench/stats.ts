/** Figures for the benchmarks' JSON: the nearest-rank percentile and rounding. */
export const percentile = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
/** p50, p95, min, max and the count of a sample, rounded. */
export const spread = (xs: readonly number[]) => ({ n: xs.length, p50: round(percentile(xs, 50)), p95: round(percentile(xs, 95)), min: round(Math.min(...xs)), max: round(Math.max(...xs)) });
