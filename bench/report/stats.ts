/** Small statistics for the figures: percentiles and ratios. */

/**
 * The nearest-rank percentile `p` (0 to 100) of `values`; NaN when
 * there are none. `percentile([5, 1, 3], 50)` is 3.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  if (!(p >= 0 && p <= 100)) {
    throw new RangeError(`percentile must be from 0 to 100, not ${p}`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? NaN;
}

/** `part / whole`, or null when the whole is not a positive figure. */
export function ratio(part: number, whole: number): number | null {
  if (!(whole > 0) || !Number.isFinite(part)) return null;
  return part / whole;
}
