/**
 * Runs dispatch (dispatch-decision.ts) against the store: every
 * `dispatchIntervalMs`, on the instance holding the dispatch lease.
 *
 *   idle ──interval──▶ leasing ──held──▶ reading ──▶ writing ──▶ idle
 *                         └──held elsewhere──────────────────────▶ idle
 *   any ──stop()──▶ stopped (the lease is given up)
 *
 * Each change is a compare-and-set of one order that checks its
 * condition again on the fresh document, so a staff assignment or a
 * pickup that lands meanwhile wins.
 */
import type { Logger } from "pino";
import {
  ASSIGNABLE_STATUSES,
  type CollectionName,
  type OrderDispatch,
  type RiderDoc,
  type StoreDoc,
} from "@okada/sync-rules";
import type { ServerStore, StoredDoc } from "../store/types.ts";
import { toWire } from "../sync/wire.ts";
import { updateDoc } from "./cas.ts";
import { asOrder, asRider, asStore, wire, type Order } from "./docs.ts";
import {
  planDispatch,
  riderUnreachable,
  type Assignment,
  type DispatchFacts,
} from "./dispatch-decision.ts";
import type { Lease } from "./lease.ts";
import type { ReconcileSettings } from "./settings.ts";

export interface DispatchReport {
  /** False when another instance holds the lease. */
  ran: boolean;
  unassigned: Assignment[];
  assigned: Assignment[];
}

export interface DispatcherOptions {
  store: ServerStore;
  settings: ReconcileSettings;
  lease: Lease;
  now: () => Date;
  logger?: Logger | undefined;
}

const OPEN = ["accepted", "preparing", "ready", "picked_up"];
const PAGE = 500;

export class Dispatcher {
  readonly #options: DispatcherOptions;
  #timer: NodeJS.Timeout | undefined;
  /** Runs one after another: two at once could give a rider two orders. */
  #queue: Promise<unknown> = Promise.resolve();
  #stopped = false;

  constructor(options: DispatcherOptions) {
    this.#options = options;
  }

  start(): void {
    this.#stopped = false;
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#queue;
    await this.#options.lease.release().catch(() => undefined);
  }

  /** One run, after any under way, under the lease. */
  runOnce(): Promise<DispatchReport> {
    const run = this.#queue.then(() => this.#run());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.runOnce()
        .catch((error: unknown) => {
          this.#options.logger?.warn({ err: error }, "dispatch run failed");
        })
        .finally(() => this.#schedule());
    }, this.#options.settings.dispatchIntervalMs);
    this.#timer.unref();
  }

  async #run(): Promise<DispatchReport> {
    const { lease, now } = this.#options;
    if (!(await lease.acquire(now()))) {
      return { ran: false, unassigned: [], assigned: [] };
    }
    const facts = await this.#facts();
    const plan = planDispatch(facts);
    const unassigned: Assignment[] = [];
    for (const change of plan.unassign) {
      const rider = facts.riders.get(change.riderId);
      if (await this.#unassign(change, rider)) unassigned.push(change);
    }
    const assigned: Assignment[] = [];
    for (const change of plan.assign) {
      if (await this.#assign(change)) assigned.push(change);
    }
    if (unassigned.length + assigned.length > 0) {
      this.#options.logger?.info({ unassigned, assigned }, "dispatch");
    }
    return { ran: true, unassigned, assigned };
  }

  #note(action: OrderDispatch["action"], riderId: string): OrderDispatch {
    return {
      action,
      riderId,
      reason: action === "assigned" ? "NEAREST_AVAILABLE" : "RIDER_UNREACHABLE",
      at: this.#options.now().toISOString(),
    };
  }

  async #unassign(
    { orderId, riderId }: Assignment,
    rider: RiderDoc | undefined,
  ): Promise<boolean> {
    const { store, now, settings } = this.#options;
    const threshold = settings.riderUnreachableMinutes * 60_000;
    let changed = false;
    await updateDoc(store.collection("orders"), orderId, (doc) => {
      const order = asOrder(doc);
      changed =
        order.riderId === riderId &&
        riderUnreachable(order, rider, now(), threshold);
      if (!changed) return undefined;
      const { riderId: _gone, ...rest } = order;
      const former = order.formerRiderIds ?? [];
      const next: Order = {
        ...rest,
        formerRiderIds: former.includes(riderId)
          ? former
          : [...former, riderId].slice(-50),
        dispatch: this.#note("unassigned", riderId),
      };
      return wire(next);
    });
    return changed;
  }

  async #assign({ orderId, riderId }: Assignment): Promise<boolean> {
    let changed = false;
    const orders = this.#options.store.collection("orders");
    await updateDoc(orders, orderId, (doc) => {
      const order = asOrder(doc);
      changed =
        order.status === "ready" &&
        order.riderId === undefined &&
        !(order.formerRiderIds ?? []).includes(riderId);
      if (!changed) return undefined;
      const next: Order = {
        ...order,
        riderId,
        dispatch: this.#note("assigned", riderId),
      };
      return wire(next);
    });
    return changed;
  }

  async #facts(): Promise<DispatchFacts> {
    const { store, settings, now } = this.#options;
    const open = (await this.#findAll("orders", { status: { $in: OPEN } })).map(
      (doc) => asOrder(toWire(doc)),
    );
    const riders = new Map<string, RiderDoc>();
    const assigned = open.flatMap((o) => (o.riderId ? [o.riderId] : []));
    for (const [id, current] of await store
      .collection("riders")
      .getMany([...new Set(assigned)])) {
      if (!current.deleted) riders.set(id, asRider(toWire(current.doc)));
    }
    const stores = new Map<string, StoreDoc>();
    if (settings.autoAssign) {
      const free = await this.#findAll("riders", { availability: "available" });
      for (const doc of free) riders.set(doc._id, asRider(toWire(doc)));
      const ids = open
        .filter((o) => ASSIGNABLE_STATUSES.includes(o.status))
        .map((o) => o.storeId);
      const found = await store.collection("stores").getMany([...new Set(ids)]);
      for (const [id, current] of found) {
        if (!current.deleted) stores.set(id, asStore(toWire(current.doc)));
      }
    }
    return {
      orders: open,
      riders,
      stores,
      now: now(),
      unreachableMs: settings.riderUnreachableMinutes * 60_000,
      autoAssign: settings.autoAssign,
    };
  }

  async #findAll(
    collection: CollectionName,
    selector: Record<string, unknown>,
  ): Promise<StoredDoc[]> {
    const out: StoredDoc[] = [];
    for (let skip = 0; ; skip += PAGE) {
      const page = await this.#options.store.find(collection, {
        selector,
        limit: PAGE,
        skip,
      });
      out.push(...page);
      if (page.length < PAGE) return out;
    }
  }
}
