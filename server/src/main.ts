/** `npm start`: the server with the settings from the environment. */
import { configFromEnv } from "./config.ts";
import { createLogger } from "./logger.ts";
import { startServer } from "./server.ts";

const config = configFromEnv();
const logger = createLogger(config.logLevel);

try {
  const server = await startServer(config, { logger });
  const stop = (signal: string): void => {
    logger.info({ signal }, "shutting down");
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
} catch (error) {
  logger.fatal({ err: error }, "server failed to start");
  process.exit(1);
}
