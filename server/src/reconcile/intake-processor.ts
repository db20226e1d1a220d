/**
 * Order intake: brings one order and its store's stock in line with
 * what the store holds now. Called for every change of the orders feed,
 * by every server instance.
 *
 *   read order ──plan (order-plan.ts)──▶ none ──────────────────▶ done
 *      ▲          │
 *      │          ├─ evaluate, late ─▶ read store, products, stock
 *      │          │    ─▶ decide ─▶ hold units if confirmed
 *      │          │    ─▶ record the decision on the order (CAS)
 *      │          │    ─▶ settle holds to the recorded decision ─▶ done
 *      │          ├─ release ─▶ drop holds ─▶ record "released" ─▶ done
 *      │          └─ deduct ─▶ units off onHand ─▶ record "deducted" ─▶ done
 *      └──── the record lost a race (CAS conflict): settle the holds to
 *            what was recorded instead, read again
 *
 * Invariants, each named by a test in the *.server.test.ts scenarios:
 * - one decision per order version: the record is written with
 *   compare-and-set; a loser re-reads, plans "none" and writes nothing
 *   (two-instances);
 * - holds are keyed by order, so holding again never reserves twice, and
 *   they are only ever released to match the decision the order records,
 *   by the winner and by a loser alike, so a loser never drops the
 *   winner's holds nor leaves its own behind (restart, two-instances);
 * - all or nothing: when any product cannot be held the order is
 *   rejected and settling releases whatever was held (last-units);
 * - delivery deducts once per order, whatever the replays (rider).
 */
import type { Logger } from "pino";
import {
  OkadaError,
  stockIdOf,
  type HeldUnits,
  type ProductDoc,
  type StockDoc,
  type StoreDoc,
  type WireDoc,
} from "@okada/sync-rules";
import type { CurrentDoc, Store } from "../store/types.ts";
import { toWire } from "../sync/wire.ts";
import { writeOver } from "./cas.ts";
import {
  asOrder,
  asProduct,
  asStock,
  asStore,
  wire,
  type Order,
} from "./docs.ts";
import { unitsOf } from "./holds.ts";
import {
  decideIntake,
  decideLate,
  outOfStock,
  type IntakeDecision,
  type IntakeFacts,
  type IntakePolicy,
} from "./intake-decision.ts";
import { recordDecision, recordStock } from "./intake-record.ts";
import { planOrder } from "./order-plan.ts";
import { StockLedger } from "./stock-ledger.ts";

export interface IntakeHooks {
  /**
   * Test seam: runs after the units are held and before the order
   * records the decision, where a crash leaves holds without a record.
   */
  afterHold?: (orderId: string) => Promise<void>;
}

export interface IntakeOptions {
  store: Store;
  policy: IntakePolicy;
  now: () => Date;
  logger?: Logger | undefined;
  hooks?: IntakeHooks | undefined;
}

export interface IntakeStats {
  /** Decisions this instance recorded on orders. */
  decided: number;
  /** Records this instance lost to another writer, then re-read. */
  lostRaces: number;
  released: number;
  deducted: number;
}

const MAX_ATTEMPTS = 8;

export class IntakeProcessor {
  readonly stats: IntakeStats = {
    decided: 0,
    lostRaces: 0,
    released: 0,
    deducted: 0,
  };
  readonly #store: Store;
  readonly #ledger: StockLedger;
  readonly #options: IntakeOptions;

  constructor(options: IntakeOptions) {
    this.#options = options;
    this.#store = options.store;
    this.#ledger = new StockLedger(options.store.collection("stock"));
  }

  /**
   * Reconciles order `id`. `seen` is the version the feed delivered; it
   * saves a read and is re-read after a lost race.
   */
  async process(id: string, seen?: CurrentDoc): Promise<void> {
    const orders = this.#store.collection("orders");
    let current = seen;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      current ??= (await orders.getMany([id])).get(id);
      if (current === undefined) return;
      if (await this.#step(current, asOrder(toWire(current.doc)))) return;
      this.stats.lostRaces += 1;
      current = undefined;
    }
    throw new OkadaError(
      "STORE_UNAVAILABLE",
      `Order ${id} kept changing during intake; it will be tried again.`,
    );
  }

  /** One pass; false when the order moved under it. */
  async #step(current: CurrentDoc, order: Order): Promise<boolean> {
    const plan = planOrder(order);
    switch (plan.kind) {
      case "none":
        return true;
      case "evaluate":
      case "late":
        return this.#decide(current, order, plan.kind === "late");
      case "release":
        return this.#release(current, order, plan.record);
      case "deduct":
        return this.#deduct(current, order);
    }
  }

  async #decide(
    current: CurrentDoc,
    order: Order,
    late: boolean,
  ): Promise<boolean> {
    const facts = await this.#facts(order);
    let decision = late ? decideLate(facts) : decideIntake(facts);
    if (decision.outcome === "confirmed") {
      const { storeId, id } = order;
      const short = await this.#ledger.hold(storeId, id, decision.hold);
      if (short.length > 0) decision = await this.#short(order, short, late);
      await this.#options.hooks?.afterHold?.(id);
    }
    const next = recordDecision(order, decision, this.#options.now());
    if ((await writeOver(this.#orders, current, wire(next))) === "conflict") {
      // Whatever was recorded instead decides what stays held, here as
      // for the winner.
      await this.#settleToRecord(order);
      return false;
    }
    this.stats.decided += 1;
    this.#options.logger?.info(
      {
        order: order.id,
        outcome: decision.outcome,
        reason: next.intake?.reason,
      },
      "intake decided",
    );
    const held = decision.outcome === "confirmed" ? decision.hold : [];
    await this.#ledger.settle(order.storeId, order.id, touched(order), held);
    return true;
  }

  /**
   * After a lost race: sets the holds this attempt may have taken to what
   * the order records now (its held units, or none).
   */
  async #settleToRecord(attempted: Order): Promise<void> {
    const found = (await this.#orders.getMany([attempted.id])).get(
      attempted.id,
    );
    const now =
      found && !found.deleted ? asOrder(toWire(found.doc)) : undefined;
    const intake = now?.intake;
    const held = intake?.stock === "held" ? (intake.held ?? []) : [];
    const products = new Set([
      ...touched(attempted),
      ...(now ? touched(now) : []),
    ]);
    await this.#ledger.settle(attempted.storeId, attempted.id, products, held);
  }

  /** The decision after a hold found the shelf emptied meanwhile. */
  async #short(
    order: Order,
    short: string[],
    late: boolean,
  ): Promise<IntakeDecision> {
    if (late) return { outcome: "short", productIds: short };
    return outOfStock(order, short, await this.#facts(order));
  }

  async #release(
    current: CurrentDoc,
    order: Order,
    record: boolean,
  ): Promise<boolean> {
    await this.#ledger.settle(order.storeId, order.id, touched(order), []);
    if (!record) return true;
    const next = recordStock(order, "released");
    if ((await writeOver(this.#orders, current, wire(next))) === "conflict") {
      return false;
    }
    this.stats.released += 1;
    this.#options.logger?.info({ order: order.id }, "intake released units");
    return true;
  }

  async #deduct(current: CurrentDoc, order: Order): Promise<boolean> {
    const units = unitsOf(order.items);
    await this.#ledger.deduct(order.storeId, order.id, units);
    // Holds on products the order no longer lists go back on sale.
    const listed = new Set(units.map((u) => u.productId));
    const stray = [...touched(order)].filter((id) => !listed.has(id));
    await this.#ledger.settle(order.storeId, order.id, stray, []);
    const next = recordStock(order, "deducted");
    if ((await writeOver(this.#orders, current, wire(next))) === "conflict") {
      return false;
    }
    this.stats.deducted += 1;
    this.#options.logger?.info({ order: order.id }, "intake deducted units");
    return true;
  }

  get #orders() {
    return this.#store.collection("orders");
  }

  async #facts(order: Order): Promise<IntakeFacts> {
    const ids = unitsOf(order.items).map((u) => u.productId);
    const [stores, products, stock] = await Promise.all([
      this.#live("stores", [order.storeId]),
      this.#live("products", ids),
      this.#live(
        "stock",
        ids.map((id) => stockIdOf(order.storeId, id)),
      ),
    ]);
    const byProduct = new Map<string, StockDoc>();
    for (const doc of stock.values()) {
      const level = asStock(doc);
      byProduct.set(level.productId, level);
    }
    const catalogue = new Map<string, ProductDoc>();
    for (const [id, doc] of products) catalogue.set(id, asProduct(doc));
    const storeDoc = stores.get(order.storeId);
    const store: StoreDoc | undefined = storeDoc && asStore(storeDoc);
    return {
      order,
      store,
      products: catalogue,
      stock: byProduct,
      at: this.#options.now(),
      policy: this.#options.policy,
    };
  }

  async #live(name: "stores" | "products" | "stock", ids: string[]) {
    const found = await this.#store.collection(name).getMany(ids);
    const out = new Map<string, WireDoc>();
    for (const [id, current] of found) {
      if (!current.deleted) out.set(id, toWire(current.doc));
    }
    return out;
  }
}

/** Every product the order may hold units of: its items and its record. */
function touched(order: Order): Set<string> {
  const held: readonly HeldUnits[] = order.intake?.held ?? [];
  return new Set([
    ...order.items.map((i) => i.productId),
    ...held.map((h) => h.productId),
  ]);
}
