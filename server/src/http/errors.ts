import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { OkadaError } from "@okada/sync-rules";

/** Seconds a client should wait before retrying while the store is down. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Turns anything thrown into the contract's error: body-parser's own
 * errors become their coded equivalents, the unknown becomes INTERNAL
 * without leaking its message.
 */
export function toOkadaError(error: unknown): OkadaError {
  if (error instanceof OkadaError) return error;
  const type = (error as { type?: unknown } | null)?.type;
  if (type === "entity.too.large") {
    return new OkadaError(
      "PAYLOAD_TOO_LARGE",
      "The request body is over the size limit; send smaller batches.",
    );
  }
  if (type === "entity.parse.failed") {
    return new OkadaError("BAD_REQUEST", "The request body is not valid JSON.");
  }
  if (
    type === "charset.unsupported" ||
    (typeof type === "string" && type.startsWith("encoding."))
  ) {
    return new OkadaError(
      "UNSUPPORTED_MEDIA_TYPE",
      "The request body's encoding or charset is not supported; " +
        "send UTF-8 JSON, plain or gzip.",
    );
  }
  // Other client errors of the body parser (a corrupt gzip stream, a body
  // cut short) carry a 4xx status: the request's fault, not the server's.
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return new OkadaError(
      "BAD_REQUEST",
      "The request body could not be read; check its Content-Encoding " +
        "and Content-Length.",
    );
  }
  return new OkadaError("INTERNAL", "Something went wrong on the server.");
}

export function sendError(
  res: Response,
  error: OkadaError,
  extra: Record<string, unknown> = {},
): void {
  if (error.code === "STORE_UNAVAILABLE") {
    res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
  }
  res.status(error.status).json({ ...extra, ...error.toBody() });
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const coded = toOkadaError(error);
    if (coded.code === "INTERNAL") logger.error({ err: error }, "unhandled");
    // GraphQL clients (RxDB among them) read `errors`, even for a body
    // refused before the GraphQL handler ran.
    const extra =
      req.path === "/graphql"
        ? {
            errors: [
              { message: coded.message, extensions: { code: coded.code } },
            ],
          }
        : {};
    sendError(res, coded, extra);
  };
}

export const notFound: RequestHandler = (req, res) => {
  sendError(
    res,
    new OkadaError(
      "NOT_FOUND",
      `Nothing is served at ${req.method} ${req.path}.`,
    ),
  );
};

/** Express 5 forwards rejected promises; this only narrows the types. */
export function route(
  handler: (...args: Parameters<RequestHandler>) => Promise<void>,
): RequestHandler {
  return (req, res, next) => handler(req, res, next);
}
