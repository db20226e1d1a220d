/**
 * The world of one measured run: a server on a fresh copy of the seeded
 * data, a link proxy in front of what the client talks to (the server,
 * or for PouchDB the embedded store), and the client's folder.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SocketSyncOptions, SyncUser } from "@okada/server";
import {
  login,
  startLinkProxy,
  startTestServer,
  type LinkProxy,
  type TestServer,
} from "@okada/test-tools";
import type { ApproachName } from "../clients/types.ts";
import type { DataTemplate } from "./data-dir.ts";
import { BenchError } from "./errors.ts";

/** The demo accounts (password `okada`). */
export type DemoUsername = "customer" | "rider" | "staff" | "admin";

/** The admin as the sync core knows it, for server-side writes. */
export const ADMIN: SyncUser = { id: "admin", role: "admin", name: "Admin" };

export interface RunEnv {
  readonly server: TestServer;
  /** The link the client's traffic crosses; unshaped until measured. */
  readonly link: LinkProxy;
  /** Base URL through the link. */
  readonly url: string;
  /** A bearer token of the run's user. */
  readonly token: string;
  /** An empty folder for the client's files. */
  readonly clientDir: string;
  close(): Promise<void>;
}

export async function openRunEnv(
  template: DataTemplate,
  approach: ApproachName,
  username: DemoUsername,
  socket: SocketSyncOptions = {},
): Promise<RunEnv> {
  const dataDir = await template.copy();
  const server = await startTestServer({
    dataDir,
    pollTimeoutMs: 2_000,
    socket,
  });
  const port =
    approach === "pouchdb" ? server.server.embedded?.port : server.server.port;
  if (port === undefined) {
    await server.close();
    throw new BenchError("SETUP", "The server started no embedded store.");
  }
  const link = await startLinkProxy({ target: { port }, profile: null });
  const token = await login(server.url, username);
  const clientDir = await mkdtemp(join(tmpdir(), "okada-bench-client-"));
  return {
    server,
    link,
    url: link.url(),
    token,
    clientDir,
    async close() {
      await link.close();
      await server.close();
      await rm(clientDir, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
