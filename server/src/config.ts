import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { OkadaError } from "@okada/sync-rules";
import {
  reconcileSettingsFromEnv,
  type ReconcileSettings,
} from "./reconcile/settings.ts";

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
  /**
   * Static files served at `/`; unset serves the placeholder page.
   * `configFromEnv` sets the built PWA (`PWA_DIST_DIR`) when it exists.
   */
  staticDir?: string;
  /**
   * Order intake and dispatch (server/src/reconcile). Unset: they do not
   * run, as in tools and tests that build a config by hand;
   * `configFromEnv` sets them unless `RECONCILE=off`, with
   * `AUTO_ASSIGN_RIDERS` (off) and `RIDER_UNREACHABLE_MINUTES` (15).
   */
  reconcile?: ReconcileSettings;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The built PWA (`npm run build`); served at `/` once it exists. */
export const PWA_DIST_DIR = fileURLToPath(
  new URL("../../apps/pwa/dist", import.meta.url),
);

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
  if (existsSync(join(PWA_DIST_DIR, "index.html"))) {
    config.staticDir = PWA_DIST_DIR;
  }
  const reconcile = reconcileSettingsFromEnv(env);
  if (reconcile) config.reconcile = reconcile;
  return config;
}
