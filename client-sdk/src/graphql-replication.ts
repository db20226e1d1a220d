/**
 * Replicates every collection of an Okada database over GraphQL with the
 * stock RxDB plugin. Nothing is patched: the plugin gets the query
 * builders from sync-rules and a retrying WebSocket for live changes.
 */
import {
  replicateGraphQL,
  type RxGraphQLReplicationState,
} from "rxdb/plugins/replication-graphql";
import {
  COLLECTION_NAMES,
  graphqlReplicationOptions,
  type CollectionName,
} from "@okada/sync-rules";
import type { OkadaDatabase } from "./database.ts";

export interface GraphQLReplicationOptions {
  database: OkadaDatabase;
  /** Server base URL, e.g. `https://okada.example`. */
  url: string;
  /** Bearer token from `POST /v1/auth/login`. */
  token: string;
  /** Default: all five collections. */
  collections?: readonly CollectionName[];
  /** Keep pulling live changes over WebSocket. Default true. */
  live?: boolean;
  /** Milliseconds between retries after a failed request. Default 5000. */
  retryTime?: number;
  /** Wait for tab leadership before replicating. Default true. */
  waitForLeadership?: boolean;
}

export type GraphQLReplications = Partial<
  Record<CollectionName, RxGraphQLReplicationState<unknown, unknown>>
>;

function wsUrlOf(httpUrl: string): string {
  const url = new URL("/graphql", httpUrl);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}

/** Capped exponential backoff with full jitter for WebSocket retries. */
async function retryWait(retries: number): Promise<void> {
  const cap = Math.min(30_000, 500 * 2 ** Math.min(retries, 10));
  await new Promise((resolve) => setTimeout(resolve, Math.random() * cap));
}

export function replicateOkadaGraphQL(
  options: GraphQLReplicationOptions,
): GraphQLReplications {
  const live = options.live ?? true;
  const out: GraphQLReplications = {};
  for (const name of options.collections ?? COLLECTION_NAMES) {
    const { pull, push } = graphqlReplicationOptions(name);
    const state = replicateGraphQL({
      collection: options.database[name],
      url: {
        http: new URL("/graphql", options.url).toString(),
        ...(live ? { ws: wsUrlOf(options.url) } : {}),
      },
      headers: { Authorization: `Bearer ${options.token}` },
      pull: {
        ...pull,
        wsOptions: { retryAttempts: Number.POSITIVE_INFINITY, retryWait },
      },
      push,
      live,
      retryTime: options.retryTime ?? 5000,
      waitForLeadership: options.waitForLeadership ?? true,
      replicationIdentifier: `okada-graphql-${name}`,
    });
    out[name] = state as RxGraphQLReplicationState<unknown, unknown>;
  }
  return out;
}
