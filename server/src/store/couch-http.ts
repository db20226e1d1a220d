/**
 * The one door to CouchDB's HTTP API. Every request goes through `send`,
 * which adds a deadline, honours the caller's AbortSignal and turns every
 * failure into an `OkadaError` (see couch-errors.ts), so the rest of the
 * store never handles a raw nano error.
 */
import nano from "nano";
import type { Configuration, RequestOptions } from "nano";
import type { Logger } from "pino";
import { readFailure, storeUnavailable, toOkadaError } from "./couch-errors.ts";

export interface CouchRequest {
  method?: "GET" | "PUT" | "POST" | "DELETE";
  /** Database name; absent for server-level requests such as `GET /`. */
  db?: string;
  /** A path under the database, such as `_changes`. */
  path?: string;
  /** A document ID under the database; nano encodes it. */
  doc?: string;
  qs?: Record<string, string | number | boolean>;
  body?: unknown;
}

export interface SendOptions {
  /** Aborting rejects the request with the signal's reason. */
  signal?: AbortSignal;
  /** Deadline for this request; defaults to the store's request timeout. */
  timeoutMs?: number;
  /** Error statuses the caller handles itself, such as 404 or 412. */
  accept?: readonly number[];
}

export type CouchReply =
  | { ok: true; body: unknown }
  | { ok: false; status: number; error: string; reason: string };

export interface CouchHttp {
  send(request: CouchRequest, options?: SendOptions): Promise<CouchReply>;
  /** `send` for requests whose every error status is a failure. */
  call(request: CouchRequest, options?: SendOptions): Promise<unknown>;
}

export interface CouchHttpOptions {
  url: string;
  requestTimeoutMs: number;
  logger?: Logger | undefined;
}

export function createCouchHttp(options: CouchHttpOptions): CouchHttp {
  const server = nano(nanoConfig(options.url));
  const { logger } = options;

  async function send(
    request: CouchRequest,
    {
      signal,
      timeoutMs = options.requestTimeoutMs,
      accept = [],
    }: SendOptions = {},
  ): Promise<CouchReply> {
    signal?.throwIfAborted();
    const what = describe(request);
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const linked = linkSignals(signal, deadline.signal);
    let outcome: { body: unknown } | { err: unknown };
    try {
      const nanoRequest: RequestOptions & { signal: AbortSignal } = {
        ...request,
        signal: linked.signal,
      };
      outcome = {
        body: await untilAborted(server.request(nanoRequest), linked.signal),
      };
    } catch (err) {
      outcome = { err };
    } finally {
      clearTimeout(timer);
      linked.dispose();
    }
    // Checked after a success too: nano resolves a body cut short by an
    // abort or a dropped connection as "" instead of rejecting.
    signal?.throwIfAborted();
    if (deadline.signal.aborted) {
      logger?.warn({ request: what, timeoutMs }, "couch request timed out");
      throw storeUnavailable();
    }
    if ("err" in outcome) return failed(outcome.err, what, accept);
    const { body } = outcome;
    if (typeof body !== "object" || body === null) {
      logger?.warn({ request: what }, "couch answer unreadable");
      throw storeUnavailable();
    }
    return { ok: true, body };
  }

  function failed(
    err: unknown,
    what: string,
    accept: readonly number[],
  ): CouchReply {
    const failure = readFailure(err);
    const { status } = failure;
    if (status !== undefined && accept.includes(status)) {
      return {
        ok: false,
        status,
        error: failure.error,
        reason: failure.reason,
      };
    }
    logger?.warn({ request: what, ...failure }, "couch request failed");
    throw toOkadaError(failure, what);
  }

  async function call(
    request: CouchRequest,
    options?: SendOptions,
  ): Promise<unknown> {
    // With nothing accepted, send() never resolves with an error reply.
    const reply = await send(request, { ...options, accept: [] });
    return reply.ok ? reply.body : undefined;
  }

  return { send, call };
}

/**
 * A URL with a path (a CouchDB behind a proxy at `/couch`) must stay a
 * server URL: nano would otherwise take the last segment for a database.
 * Identity encoding keeps streamed answers (longpoll) unbuffered.
 */
function nanoConfig(url: string): Configuration {
  const config: Configuration & { parseUrl: boolean } = {
    url,
    parseUrl: false,
    headers: { "Accept-Encoding": "identity" },
  };
  return config;
}

function describe(request: CouchRequest): string {
  const target = [request.db, request.path ?? request.doc]
    .filter((part) => part !== undefined)
    .join("/");
  return `${request.method ?? "GET"} /${target}`;
}

/**
 * nano leaves its promise pending when an abort lands while it reads a
 * response body (a longpoll that has sent its headers), so the abort is
 * raced here rather than trusted to nano.
 */
async function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  const reason = (): Error =>
    signal.reason instanceof Error ? signal.reason : new Error("aborted");
  if (signal.aborted) throw reason();
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(reason());
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

/** One signal that aborts when either input does, without leaking listeners. */
function linkSignals(
  outer: AbortSignal | undefined,
  inner: AbortSignal,
): { signal: AbortSignal; dispose(): void } {
  if (outer === undefined) return { signal: inner, dispose: () => {} };
  const linked = new AbortController();
  const abort = (): void => linked.abort();
  outer.addEventListener("abort", abort, { once: true });
  inner.addEventListener("abort", abort, { once: true });
  return {
    signal: linked.signal,
    dispose: () => {
      outer.removeEventListener("abort", abort);
      inner.removeEventListener("abort", abort);
    },
  };
}
