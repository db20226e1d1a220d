/**
 * Approach (b): stock RxDB GraphQL replication over HTTP POST, one
 * replication per collection, as `replicateOkadaGraphQL` sets it up.
 * Each catch-up is a one-shot run (`live: false`): RxDB pushes what was
 * written since its stored checkpoint, pulls until the server has no
 * more, and stops. Checkpoints live in the local database, so the next
 * run resumes where this one ended.
 */
import { createOkadaDatabase, replicateOkadaGraphQL } from "@okada/client-sdk";
import { withTimeout } from "../harness/wait.ts";
import { BenchError } from "../harness/errors.ts";
import { benchStorage, RxLocal, uniqueName } from "./rx-local.ts";
import type { BenchClient, ClientTarget, ClientSettings } from "./types.ts";

export async function openGraphQLClient(
  target: ClientTarget,
  settings: ClientSettings,
): Promise<BenchClient> {
  const db = await createOkadaDatabase({
    name: uniqueName("bench-graphql"),
    storage: benchStorage(),
    multiInstance: false,
  });
  const local = new RxLocal(db);

  async function runOnce(): Promise<void> {
    const states = Object.values(
      replicateOkadaGraphQL({
        database: db,
        url: target.url,
        token: target.token,
        live: false,
        retryTime: 1_000,
        waitForLeadership: false,
      }),
    ).filter((state) => state !== undefined);
    const errors: string[] = [];
    const subscriptions = states.map((state) =>
      state.error$.subscribe((error) => errors.push(error.message)),
    );
    try {
      await Promise.all(states.map((state) => state.awaitInitialReplication()));
    } finally {
      subscriptions.forEach((s) => s.unsubscribe());
      await Promise.all(states.map((state) => state.cancel()));
    }
    if (errors.length > 0) {
      // Retried and recovered, but worth knowing: it cost round trips.
      process.stderr.write(`graphql: ${errors.length} retried errors\n`);
    }
  }

  return {
    approach: "graphql",
    get: (name, id) => local.get(name, id),
    put: (name, doc) => local.put(name, doc),
    count: (name) => local.count(name),
    async sync(done) {
      await withTimeout(
        runOnce(),
        settings.syncTimeoutMs,
        "a GraphQL replication run",
      );
      if (!(await done())) {
        throw new BenchError(
          "SETUP",
          "GraphQL replication finished but the client is not caught up.",
        );
      }
    },
    // Nothing runs between catch-ups: a one-shot run is already offline.
    offline: () => Promise.resolve(),
    close: () => db.close().then(() => undefined),
  };
}
