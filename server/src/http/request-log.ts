import type { RequestHandler } from "express";
import type { Logger } from "pino";

/**
 * One line per request, written when the response ends. Only the path is
 * logged: headers and query strings may carry credentials.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const user = (res.locals as { userId?: unknown }).userId;
      logger.info(
        {
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
          bytesOut: Number(res.getHeader("content-length") ?? 0) || undefined,
          user: typeof user === "string" ? user : undefined,
        },
        "request",
      );
    });
    next();
  };
}
