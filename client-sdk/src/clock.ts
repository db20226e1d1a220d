/**
 * Time as the sync loop sees it. Injected so that tests drive backoff
 * and heartbeats with fake timers and compare exact timelines.
 */
/** Whatever the timer functions return: a number or a handle object. */
export type TimerId = object | number;

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
}

/**
 * The real clock. It looks the globals up on every call, so vitest's
 * `vi.useFakeTimers()` takes effect even after the clock was created.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (id) => {
    globalThis.clearTimeout(id as ReturnType<typeof setTimeout>);
  },
};

/** Resolves after `ms` on `clock`. */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => {
    clock.setTimeout(resolve, ms);
  });
}
