/** Polling with a deadline, for conditions no event announces. */
import { BenchError } from "./errors.ts";

export interface WaitOptions {
  /** Gives up after this long. */
  timeoutMs: number;
  /** Time between checks. Default 20 ms. */
  everyMs?: number;
}

/**
 * Resolves once `check` returns true; rejects with TIMEOUT naming `what`
 * when it has not by the deadline.
 */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  options: WaitOptions,
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const every = options.everyMs ?? 20;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new BenchError(
        "TIMEOUT",
        `Gave up after ${options.timeoutMs} ms waiting for ${what}. ` +
          "Run with --quick to see whether it finishes on an unshaped link.",
      );
    }
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

/** `promise`, or a TIMEOUT rejection after `timeoutMs`. */
export async function withTimeout<T>(
  promise: Promise<T>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new BenchError("TIMEOUT", `${what} took longer than ${timeoutMs} ms.`),
      );
    }, timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
