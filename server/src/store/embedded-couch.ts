/**
 * The default store when no COUCHDB_URL is set: a CouchDB-compatible HTTP
 * server built from express-pouchdb over PouchDB on LevelDB files in
 * `dataDir`, listening on 127.0.0.1 only. The couch store talks to it like
 * to any CouchDB, so both stores share one code path.
 *
 * It runs express-pouchdb's own Express 4 app on node:http rather than
 * inside the server's Express 5 app: Express 5 makes `req.query` read-only
 * and express-pouchdb rewrites it on every request.
 */
import { mkdir } from "node:fs/promises";
import { createServer } from "node:http";
import type { Server } from "node:http";
import path from "node:path";
import expressPouchDB from "express-pouchdb";
import PouchDB from "pouchdb";
import type { Logger } from "pino";

const HOST = "127.0.0.1";

export interface EmbeddedCouchOptions {
  /** Folder of the LevelDB files; created when missing. */
  dataDir: string;
  /** Port to listen on. Default 0: any free port, kept across restarts. */
  port?: number;
  logger?: Logger;
}

export interface EmbeddedCouch {
  /** `http://127.0.0.1:<port>`, for createCouchStore(). */
  readonly url: string;
  readonly port: number;
  /**
   * Stops listening and cuts every open connection, longpolls included.
   * The data stays, and the databases stay open in this process.
   */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

/**
 * @example
 * const couch = await startEmbeddedCouch({ dataDir: "./data" });
 * const store = createCouchStore({ url: couch.url });
 */
export async function startEmbeddedCouch(
  options: EmbeddedCouchOptions,
): Promise<EmbeddedCouch> {
  const { logger } = options;
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });

  const app = expressPouchDB({
    // The minimum PouchDB replication needs, plus Mango (_index, _find).
    // Compression is left out: on loopback it only costs CPU, and it
    // buffers streamed answers such as longpoll heartbeats.
    mode: "minimumForPouchDB",
    overrideMode: { include: ["routes/find"], exclude: ["compression"] },
    // Only read in fullCouchDB mode; set so no file lands in the cwd.
    configPath: path.join(dataDir, "config.json"),
    logPath: path.join(dataDir, "log.txt"),
  });
  // Auto-compaction keeps the files from growing with every stock update,
  // as CouchDB's own compaction daemon does; leaf revisions (tombstone
  // bodies included) are kept.
  await app.setPouchDB(
    PouchDB.defaults({ prefix: dataDir + path.sep, auto_compaction: true }),
  );

  const server = createServer(app);
  let port = await listen(server, options.port ?? 0);
  logger?.info({ port, dataDir }, "embedded store listening");

  return {
    url: `http://${HOST}:${port}`,
    port,
    stop: async () => {
      if (!server.listening) return;
      const closed = new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
      });
      server.closeAllConnections();
      await closed;
      logger?.info({ port }, "embedded store stopped");
    },
    start: async () => {
      if (server.listening) return;
      port = await listen(server, port);
      logger?.info({ port }, "embedded store listening again");
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}
