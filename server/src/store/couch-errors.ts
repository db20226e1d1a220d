/**
 * How a failed CouchDB request becomes an `OkadaError`. Callers of the store
 * only ever see two codes from here: STORE_UNAVAILABLE when retrying later
 * may help (the server is down, slow or overloaded) and INTERNAL when it
 * will not (the store answered something this code does not expect).
 */
import { OkadaError } from "@okada/sync-rules";

const UNAVAILABLE_MESSAGE =
  "The document store cannot be reached; retry shortly.";

export function storeUnavailable(): OkadaError {
  return new OkadaError("STORE_UNAVAILABLE", UNAVAILABLE_MESSAGE);
}

/** The store answered in a way this code does not understand. */
export function unexpectedReply(what: string): OkadaError {
  return new OkadaError(
    "INTERNAL",
    `The document store gave an unexpected answer to ${what}.`,
  );
}

/** What a nano rejection tells us, whatever shape it came in. */
export interface CouchFailure {
  /** Absent when no HTTP answer arrived (refused, reset, DNS...). */
  status?: number;
  error: string;
  reason: string;
}

export function readFailure(err: unknown): CouchFailure {
  if (typeof err !== "object" || err === null) {
    return { error: "unknown", reason: String(err) };
  }
  const fields = err as Record<string, unknown>;
  const status = fields["statusCode"];
  const failure: CouchFailure = {
    error: typeof fields["error"] === "string" ? fields["error"] : "unknown",
    reason:
      typeof fields["reason"] === "string"
        ? fields["reason"]
        : err instanceof Error
          ? err.message
          : "unknown",
  };
  if (typeof status === "number") failure.status = status;
  return failure;
}

/**
 * Failures worth retrying: no answer at all, a timeout, throttling, or a
 * server error (CouchDB answers 5xx while a cluster node is down).
 */
export function isTransient(failure: CouchFailure): boolean {
  const { status } = failure;
  return (
    status === undefined || status >= 500 || status === 408 || status === 429
  );
}

export function toOkadaError(failure: CouchFailure, what: string): OkadaError {
  const { status } = failure;
  if (status === undefined || isTransient(failure)) return storeUnavailable();
  if (status === 401 || status === 403) {
    return new OkadaError(
      "INTERNAL",
      `The document store refused ${what} (${status}); ` +
        "check the credentials in COUCHDB_URL.",
    );
  }
  return new OkadaError(
    "INTERNAL",
    `The document store refused ${what} (${status}: ` + `${failure.error}).`,
  );
}
