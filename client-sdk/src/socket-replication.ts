/**
 * One RxDB replication per collection, with pull and push handlers that
 * go through the shared transport (sync-transport.ts).
 *
 * Pull: RxDB reads a page shorter than it asked for as "no more". The
 * handler keeps asking while the server says `more`, so that a short
 * page (a server that skipped changes the user may not see) never ends
 * a pull early. Live changes and catch-up pages arrive on `stream$`.
 *
 * Push: see push-rows.ts.
 */
import {
  replicateRxCollection,
  type RxReplicationState,
} from "rxdb/plugins/replication";
import type { Observable } from "rxjs";
import {
  getHeightOfRevision,
  writeDocToDocState,
  type RxCollection,
  type RxReplicationPullStreamItem,
  type RxReplicationWriteToMasterRow,
  type WithDeleted,
} from "rxdb";
import type {
  CollectionName,
  SyncCheckpoint,
  WireDoc,
} from "@okada/sync-rules";
import {
  CollectionPusher,
  type LocalState,
  type PushEvents,
} from "./push-rows.ts";
import type { SyncTransport } from "./sync-transport.ts";

export interface SocketReplicationOptions<T> {
  readonly name: CollectionName;
  readonly collection: RxCollection<T>;
  readonly transport: SyncTransport;
  readonly events: PushEvents;
  /** Documents per pull page and rows per push. */
  readonly batchSize: number;
  /** Documents per pull page. */
  readonly pullPageSize: number;
}

export type OkadaReplication<T> = RxReplicationState<T, SyncCheckpoint>;

export function replicateOverSocket<T>(
  options: SocketReplicationOptions<T>,
): OkadaReplication<T> {
  const { name, transport, batchSize, pullPageSize } = options;
  const pusher: CollectionPusher = new CollectionPusher(
    name,
    transport,
    options.events,
    (ids) => localStates(replication, ids),
  );
  const replication: OkadaReplication<T> = replicateRxCollection<
    T,
    SyncCheckpoint
  >({
    replicationIdentifier: `okada-socket-${name}`,
    collection: options.collection,
    live: true,
    // Never used for network failures: the transport retries those with
    // backoff. RxDB waits this long after a local error before retrying.
    retryTime: 5_000,
    // The client starts replications once this tab leads, and only
    // there: RxDB's visibility toggle would start them in other tabs.
    waitForLeadership: false,
    autoStart: false,
    toggleOnDocumentVisible: false,
    pull: {
      batchSize: pullPageSize,
      handler: async (checkpoint, limit) => {
        const page = await pullPage(transport, name, checkpoint ?? null, limit);
        return {
          documents: page.documents as WithDeleted<T>[],
          checkpoint: page.checkpoint ?? undefined,
        };
      },
      stream$: transport.stream$(name) as Observable<
        RxReplicationPullStreamItem<T, SyncCheckpoint>
      >,
    },
    push: {
      batchSize,
      handler: async (rows) =>
        (await pusher.push(
          rows as unknown as RxReplicationWriteToMasterRow<WireDoc>[],
        )) as unknown as WithDeleted<T>[],
    },
  });
  return replication;
}

/** Pages until a full page or the end of the server's changes. */
export async function pullPage(
  transport: Pick<SyncTransport, "pull">,
  name: CollectionName,
  from: SyncCheckpoint | null,
  limit: number,
): Promise<{ documents: WireDoc[]; checkpoint: SyncCheckpoint | null }> {
  const documents: WireDoc[] = [];
  let checkpoint = from;
  for (;;) {
    const page = await transport.pull(name, checkpoint, limit);
    documents.push(...page.documents);
    checkpoint = page.checkpoint;
    if (!page.more || documents.length >= limit) {
      return { documents, checkpoint };
    }
  }
}

/**
 * The local copies of `ids` as RxDB pushes them (no `_meta`, `_rev`),
 * each with whether RxDB's downstream wrote it from a server state and
 * nothing changed it since: the stamp RxDB's own downstream reads
 * (`_meta.o`, replication-protocol/downstream.ts).
 */
async function localStates<T>(
  replication: OkadaReplication<T>,
  ids: readonly string[],
): Promise<ReadonlyMap<string, LocalState>> {
  const state = replication.internalReplicationState;
  if (ids.length === 0 || !state) return new Map();
  const [docs, hash] = await Promise.all([
    replication.collection.storageInstance.findDocumentsById([...ids], true),
    state.input.hashFunction(state.input.identifier),
  ]);
  return new Map(
    docs.map((raw) => {
      const doc = writeDocToDocState(raw, false, false) as unknown as WireDoc;
      const stamp = (raw._meta as { o?: { hash?: string; _rev?: number } }).o;
      const fromServer =
        stamp?.hash === hash && stamp._rev === getHeightOfRevision(raw._rev);
      return [doc.id, { doc, fromServer }] as const;
    }),
  );
}
