/**
 * `npm run seed`: writes the demo data into the configured store. With
 * COUCHDB_URL it seeds that CouchDB (the server never does so by itself);
 * without, the embedded store under DATA_DIR. Safe to run twice.
 */
import { configFromEnv } from "../config.ts";
import { createLogger } from "../logger.ts";
import { createCouchStore } from "../store/couch-store.ts";
import { startEmbeddedCouch } from "../store/embedded-couch.ts";
import { seedDemoData } from "./seed.ts";

const config = configFromEnv();
const logger = createLogger(config.logLevel);

const embedded = config.couchdbUrl
  ? undefined
  : await startEmbeddedCouch({ dataDir: config.dataDir, logger });
try {
  const store = createCouchStore({
    url: config.couchdbUrl ?? embedded?.url ?? "",
    prefix: config.dbPrefix,
    logger,
  });
  await store.init();
  const result = await seedDemoData(store, logger);
  logger.info(result, "seed finished");
} catch (error) {
  logger.fatal({ err: error }, "seed failed");
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}
