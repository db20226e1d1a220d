/**
 * The reconciliation processes of one server instance: order intake on
 * the orders change feed (every instance runs it; compare-and-set makes
 * that safe) and dispatch on a timer (the instance holding the dispatch
 * lease runs it). See README.md.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { ServerStore } from "../store/types.ts";
import { Checkpoint } from "./checkpoint.ts";
import { Dispatcher, type DispatchReport } from "./dispatcher.ts";
import { Follower, type FollowerOptions } from "./follower.ts";
import {
  IntakeProcessor,
  type IntakeHooks,
  type IntakeStats,
} from "./intake-processor.ts";
import { Lease } from "./lease.ts";
import {
  DEFAULT_RECONCILE_SETTINGS,
  type ReconcileSettings,
} from "./settings.ts";

/** The checkpoint of order intake in the server database. */
export const INTAKE_CHECKPOINT_ID = "checkpoint:order-intake";
/** The dispatch lease in the server database. */
export const DISPATCH_LEASE_ID = "lease:dispatch";

export interface ReconcilerOptions {
  store: ServerStore;
  /** Missing settings take their defaults (settings.ts). */
  settings?: Partial<ReconcileSettings>;
  logger?: Logger;
  /** The server's clock. Default: the system clock. */
  now?: () => Date;
  /** Names this instance in checkpoints and leases. Default: random. */
  instanceId?: string;
  /** Change feed timing (tests shorten the longpoll). */
  feed?: Pick<FollowerOptions, "pollTimeoutMs" | "retryMinMs" | "retryMaxMs">;
  hooks?: IntakeHooks;
}

export interface Reconciler {
  readonly instanceId: string;
  readonly settings: Readonly<ReconcileSettings>;
  /** Counts of what this instance's intake did. */
  stats(): Readonly<IntakeStats>;
  /** Runs dispatch now, under the lease; for tools and tests. */
  dispatchNow(): Promise<DispatchReport>;
  /** Stops both processes; resolves once nothing of them runs. */
  stop(): Promise<void>;
}

/**
 * Starts order intake and dispatch. Returns at once: reading the
 * checkpoint and the feed happens in the background, retried while the
 * store is unreachable.
 *
 * @example
 * const reconciler = startReconciler({ store, logger,
 *   settings: { autoAssign: true } });
 * // ... on shutdown, before the store goes:
 * await reconciler.stop();
 */
export function startReconciler(options: ReconcilerOptions): Reconciler {
  const settings: ReconcileSettings = {
    ...DEFAULT_RECONCILE_SETTINGS,
    ...options.settings,
  };
  const { store, logger } = options;
  const now = options.now ?? (() => new Date());
  const instanceId = options.instanceId ?? randomUUID();
  const meta = store.meta();
  const intake = new IntakeProcessor({
    store,
    policy: settings,
    now,
    logger: logger?.child({ process: "intake" }),
    hooks: options.hooks,
  });
  const follower = new Follower(
    store.collection("orders"),
    new Checkpoint(meta, INTAKE_CHECKPOINT_ID, instanceId),
    (change) =>
      intake.process(
        change.id,
        change.doc._rev === undefined
          ? undefined
          : { rev: change.doc._rev, deleted: change.deleted, doc: change.doc },
      ),
    { ...options.feed, logger: logger?.child({ process: "intake" }), now },
  );
  const ttlMs = Math.max(3 * settings.dispatchIntervalMs, 10_000);
  const dispatcher = new Dispatcher({
    store,
    settings,
    lease: new Lease(meta, DISPATCH_LEASE_ID, instanceId, ttlMs),
    now,
    logger: logger?.child({ process: "dispatch" }),
  });
  follower.start();
  // Dispatch has nothing to do with both of its parts switched off.
  if (settings.autoAssign || settings.riderUnreachableMinutes > 0) {
    dispatcher.start();
  }
  logger?.info({ instanceId, ...settings }, "reconciliation started");
  return {
    instanceId,
    settings,
    stats: () => ({ ...intake.stats }),
    dispatchNow: () => dispatcher.runOnce(),
    stop: async () => {
      await Promise.all([follower.stop(), dispatcher.stop()]);
      logger?.debug({ instanceId }, "reconciliation stopped");
    },
  };
}
