import { pino, type Logger } from "pino";

/**
 * The server's structured logger. Credentials never reach a log line: the
 * paths below are blanked wherever they appear.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        "password",
        "token",
        "*.password",
        "*.token",
        "req.headers.authorization",
        "headers.authorization",
        "connectionParams",
      ],
      censor: "[redacted]",
    },
  });
}
