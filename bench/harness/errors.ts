/**
 * The bench's one error class. A failed scenario shows its code and
 * message in the table instead of figures, and the other runs go on.
 */
export type BenchErrorCode =
  "BAD_FLAG" | "TIMEOUT" | "SETUP" | "SERVER_PROCESS";

export class BenchError extends Error {
  readonly code: BenchErrorCode;

  constructor(code: BenchErrorCode, message: string) {
    super(message);
    this.name = "BenchError";
    this.code = code;
  }
}

/** A short line for a table cell or a log. */
export function describeError(error: unknown): string {
  if (error instanceof BenchError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) {
    const cause =
      error.cause === undefined ? "" : ` (${describeError(error.cause)})`;
    return `${error.name}: ${error.message}${cause}`;
  }
  return String(error);
}
