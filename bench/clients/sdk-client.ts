/**
 * Approach (a): the Okada SDK, `createOkadaClient` on its default
 * socket.io transport (`/sync`). Offline is `sync.stop()`, which closes
 * the connection; catching up is `sync.start()` until the status is
 * idle (connected, nothing owed either way).
 */
import { createOkadaClient, type OkadaClient } from "@okada/client-sdk";
import { waitUntil } from "../harness/wait.ts";
import { benchStorage, RxLocal, uniqueName } from "./rx-local.ts";
import type { BenchClient, ClientTarget, ClientSettings } from "./types.ts";

export async function openSdkClient(
  target: ClientTarget,
  settings: ClientSettings,
): Promise<BenchClient> {
  const client: OkadaClient = await createOkadaClient({
    url: target.url,
    getToken: () => Promise.resolve(target.token),
    storage: benchStorage(),
    name: uniqueName("bench-sdk"),
    multiInstance: false,
    autoStart: false,
    handshakePull: settings.handshakePull ?? true,
    ...(settings.pullPageSize && { pullPageSize: settings.pullPageSize }),
  });
  const { db, sync } = client;
  const local = new RxLocal(db);
  return {
    approach: "sdk",
    get: (name, id) => local.get(name, id),
    put: (name, doc) => local.put(name, doc),
    count: (name) => local.count(name),
    async sync(done) {
      await sync.start();
      await waitUntil(
        async () => sync.status.phase === "idle" && (await done()),
        "the SDK to be idle and caught up",
        { timeoutMs: settings.syncTimeoutMs },
      );
    },
    offline: () => sync.stop(),
    async close() {
      await sync.close();
      await db.close();
    },
  };
}
