/**
 * Capped exponential backoff with full jitter: the n-th consecutive
 * failure waits a uniformly random time in [0, min(cap, base * 2^(n-1))].
 * Full jitter spreads a crowd of phones that lost the same cell tower
 * over the whole window instead of having them retry in lock step.
 * See https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export interface BackoffOptions {
  /**
   * The ceiling of the first retry's window, in ms.
   * @default 500
   */
  baseMs?: number;
  /**
   * No wait is ever longer than this, in ms.
   * @default 30_000
   */
  capMs?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffOptions> = {
  baseMs: 500,
  capMs: 30_000,
};

/** The window's ceiling for the `failures`-th failure in a row (>= 1). */
export function backoffCeiling(
  failures: number,
  options: Required<BackoffOptions>,
): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  return Math.min(options.capMs, options.baseMs * 2 ** exponent);
}

/** A delay drawn from the window; `random` returns values in [0, 1). */
export function backoffDelay(
  failures: number,
  options: Required<BackoffOptions>,
  random: () => number,
): number {
  return Math.floor(random() * backoffCeiling(failures, options));
}
