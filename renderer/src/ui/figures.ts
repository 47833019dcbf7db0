/** A share as a percentage with one decimal; a dash when there is nothing to divide by. */
export const rate = (part: number, whole: number) => (whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`);
