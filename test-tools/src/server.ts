/**
 * Starts a real server in process for tests: embedded store in a fresh
 * temporary folder, a random port, a silent logger. `restart()` stops the
 * server and starts it again on the same data and port.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import {
  startServer,
  type RunningServer,
  type ServerConfig,
  type SocketSyncOptions,
} from "@okada/server";

export interface TestServer {
  readonly url: string;
  readonly graphqlUrl: string;
  readonly wsUrl: string;
  readonly server: RunningServer;
  readonly dataDir: string;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Seed the demo catalog (slower); default false. */
  seed?: boolean;
  /** Reuse a data folder (restarts across processes). */
  dataDir?: string;
  /** Shorter longpolls make shutdown snappy in tests. */
  pollTimeoutMs?: number;
  /** Tunables of the socket.io transport. */
  socket?: SocketSyncOptions;
}

export async function startTestServer(
  options: TestServerOptions = {},
): Promise<TestServer> {
  const dataDir =
    options.dataDir ?? (await mkdtemp(join(tmpdir(), "okada-test-")));
  const logger = pino({ level: process.env["TEST_LOG_LEVEL"] ?? "silent" });
  const config: ServerConfig = {
    port: 0,
    host: "127.0.0.1",
    dbPrefix: "okada_",
    dataDir,
    jwtSecret: "test-secret-not-for-production",
    logLevel: "silent",
    seedDemoData: options.seed ?? false,
  };
  const feed = { pollTimeoutMs: options.pollTimeoutMs ?? 5_000 };
  const start = {
    logger,
    feed,
    ...(options.socket && { socket: options.socket }),
  };
  let server = await startServer(config, start);
  const port = server.port;
  const handle: TestServer = {
    get url() {
      return server.url;
    },
    get graphqlUrl() {
      return `${server.url}/graphql`;
    },
    get wsUrl() {
      return `ws://127.0.0.1:${port}/graphql`;
    },
    get server() {
      return server;
    },
    dataDir,
    async restart() {
      await server.close();
      server = await startServer({ ...config, port }, start);
    },
    async close() {
      await server.close();
      if (!options.dataDir) {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
  return handle;
}
