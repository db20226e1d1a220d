/**
 * Opens the client of an approach. The RxDB-based clients load
 * `@okada/client-sdk` on first use, so that a client SDK that is not
 * there yet (or does not load) shows as a pending column rather than
 * stopping the PouchDB baseline.
 */
import { openPouchClient } from "./pouch-client.ts";
import type {
  ApproachName,
  BenchClient,
  ClientTarget,
  ClientSettings,
} from "./types.ts";

export async function openClient(
  approach: ApproachName,
  target: ClientTarget,
  settings: ClientSettings,
): Promise<BenchClient> {
  switch (approach) {
    case "sdk": {
      const { openSdkClient } = await import("./sdk-client.ts");
      return openSdkClient(target, settings);
    }
    case "graphql": {
      const { openGraphQLClient } = await import("./graphql-client.ts");
      return openGraphQLClient(target, settings);
    }
    case "pouchdb":
      return openPouchClient(target, settings);
  }
}

/**
 * Why an approach cannot run here, or null when it can: the SDK column
 * needs `createOkadaClient`, the GraphQL one `replicateOkadaGraphQL`.
 */
export async function unavailable(
  approach: ApproachName,
): Promise<string | null> {
  if (approach === "pouchdb") return null;
  try {
    const sdk: Record<string, unknown> = await import("@okada/client-sdk");
    const needed =
      approach === "sdk" ? "createOkadaClient" : "replicateOkadaGraphQL";
    return typeof sdk[needed] === "function"
      ? null
      : `@okada/client-sdk exports no ${needed} yet`;
  } catch (error) {
    return `@okada/client-sdk does not load: ${String(error)}`;
  }
}
