import { resolve } from "node:path";
import { OkadaError } from "@okada/sync-rules";

/** Everything the server reads from its environment, with defaults. */
export interface ServerConfig {
  /** 0 picks a free port (tests). Default 3000. */
  port: number;
  /** Default 0.0.0.0. */
  host: string;
  /** A CouchDB 3 server; unset starts the embedded store. */
  couchdbUrl?: string;
  /** Default `okada_`. */
  dbPrefix: string;
  /** Default `./data`. */
  dataDir: string;
  /** HS256 secret; unset uses one generated into the data directory. */
  jwtSecret?: string;
  /** Default `info`. */
  logLevel: string;
  /** Seed demo data when the store is empty (embedded store only). */
  seedDemoData: boolean;
  /** Static files served at `/`; unset serves the placeholder page. */
  staticDir?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export function configFromEnv(env: Env = process.env): ServerConfig {
  const port = Number(env["PORT"] ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new OkadaError(
      "BAD_REQUEST",
      `PORT must be a port number, not ${JSON.stringify(env["PORT"])}.`,
    );
  }
  const config: ServerConfig = {
    port,
    host: env["HOST"] ?? "0.0.0.0",
    dbPrefix: env["COUCHDB_DB_PREFIX"] ?? "okada_",
    dataDir: resolve(env["DATA_DIR"] ?? "./data"),
    logLevel: env["LOG_LEVEL"] ?? "info",
    seedDemoData: env["COUCHDB_URL"] === undefined,
  };
  if (env["COUCHDB_URL"]) config.couchdbUrl = env["COUCHDB_URL"];
  if (env["JWT_SECRET"]) config.jwtSecret = env["JWT_SECRET"];
  return config;
}
