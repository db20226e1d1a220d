/**
 * Assembles a running server: store (embedded or CouchDB), sync core,
 * HTTP API, GraphQL over HTTP and WebSocket, socket.io on `/sync`, and
 * the reconciliation processes (order intake, dispatch).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { createTokenService, resolveSecret } from "./auth/tokens.ts";
import type { ServerConfig } from "./config.ts";
import { createSchema } from "./graphql/schema.ts";
import { createGraphQLWsServer } from "./graphql/ws-server.ts";
import { createApp } from "./http/app.ts";
import { createLogger } from "./logger.ts";
import { seedDemoData } from "./seed/seed.ts";
import { attachSocketSync, type SocketSyncOptions } from "./socket/index.ts";
import { createCouchStore } from "./store/couch-store.ts";
import {
  startEmbeddedCouch,
  type EmbeddedCouch,
} from "./store/embedded-couch.ts";
import {
  startReconciler,
  type Reconciler,
  type ReconcilerOptions,
} from "./reconcile/index.ts";
import type { ServerStore } from "./store/types.ts";
import { SyncCore } from "./sync/core.ts";
import type { ChangeFeedOptions } from "./sync/feed.ts";

export interface RunningServer {
  url: string;
  port: number;
  http: Server;
  store: ServerStore;
  core: SyncCore;
  /** Order intake and dispatch; present when `config.reconcile` is set. */
  reconciler?: Reconciler;
  /** Present when the server started its own embedded store. */
  embedded?: EmbeddedCouch;
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  feed?: ChangeFeedOptions;
  /** Tunables of the socket.io transport. */
  socket?: SocketSyncOptions;
  /** Clock and test seams of the reconciliation processes. */
  reconcile?: Pick<ReconcilerOptions, "now" | "hooks" | "instanceId">;
}

export async function startServer(
  config: ServerConfig,
  options: StartOptions = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  let embedded: EmbeddedCouch | undefined;
  let couchUrl = config.couchdbUrl;
  if (!couchUrl) {
    embedded = await startEmbeddedCouch({
      dataDir: config.dataDir,
      logger: logger.child({ component: "embedded-couch" }),
    });
    couchUrl = embedded.url;
  }
  const store = createCouchStore({
    url: couchUrl,
    prefix: config.dbPrefix,
    logger: logger.child({ component: "store" }),
  });
  await store.init();
  if (config.seedDemoData && (await store.isEmpty())) {
    const { written } = await seedDemoData(store, logger);
    logger.info({ written }, "demo data seeded");
  }

  const core = new SyncCore({
    store,
    logger: logger.child({ component: "sync" }),
    ...(options.feed ? { feed: options.feed } : {}),
  });
  await core.start();
  const tokens = createTokenService({
    secret: await resolveSecret(config.jwtSecret, config.dataDir),
  });
  const schema = createSchema();
  const app = createApp({
    store,
    core,
    tokens,
    schema,
    logger,
    ...(config.staticDir ? { staticDir: config.staticDir } : {}),
  });
  const http = createServer(app);
  const ws = createGraphQLWsServer({ schema, core, tokens, logger });
  const sockets = attachSocketSync({
    http,
    core,
    tokens,
    logger,
    ...(options.socket ? { options: options.socket } : {}),
  });
  http.on("upgrade", (req, socket, head) => {
    if (sockets.owns(req)) return; // socket.io's own listener takes it
    if (!ws.handleUpgrade(req, socket, head)) socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(config.port, config.host, () => resolve());
  });
  // Started once the server is up, so a failed start leaves none behind.
  const reconciler = config.reconcile
    ? startReconciler({
        store,
        settings: config.reconcile,
        logger: logger.child({ component: "reconcile" }),
        feed: {
          ...(options.feed?.pollTimeoutMs === undefined
            ? {}
            : { pollTimeoutMs: options.feed.pollTimeoutMs }),
        },
        ...options.reconcile,
      })
    : undefined;
  const port = (http.address() as AddressInfo).port;
  const shown = config.host === "0.0.0.0" ? "localhost" : config.host;
  const url = `http://${shown}:${port}`;
  logger.info({ url, embedded: embedded !== undefined }, "server listening");

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      logger.debug("close: socket.io");
      await sockets.close();
      logger.debug("close: ws");
      await ws.close();
      logger.debug("close: http");
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      logger.debug("close: reconcile");
      await reconciler?.stop();
      logger.debug("close: core");
      await core.stop();
      logger.debug("close: store");
      await embedded?.stop();
      logger.debug("close: done");
    })();
    return closing;
  };
  const running: RunningServer = { url, port, http, store, core, close };
  if (embedded) running.embedded = embedded;
  if (reconciler) running.reconciler = reconciler;
  return running;
}
