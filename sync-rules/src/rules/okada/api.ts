/**
 * Okada's rules as the server and the clients call them. Each function
 * looks up the collection's definition in `OKADA_RULES` and runs the
 * engine on it, so the server and every client decide identically.
 */
import type { CollectionName } from "../../collections.ts";
import type { WireDoc } from "../../protocol.ts";
import type { OrderStatus } from "../../schemas/orders.ts";
import { ORDER_STATUSES } from "../../schemas/orders.ts";
import { schemaProblems } from "../../validate.ts";
import { mergeWith } from "../merge.ts";
import type { PushReview, PushRowInput } from "../push-review.ts";
import { reviewPushWith } from "../push-review.ts";
import { edgeVerdict } from "../status.ts";
import type { RuleUser, WriteVerdict } from "../types.ts";
import { ALLOWED, refuse } from "../types.ts";
import { actorOf, checkWriteWith } from "../write.ts";
import { OKADA_RULES } from "./index.ts";
import { ORDER_MACHINE } from "./order-status.ts";

/**
 * Fields only the server writes, per collection. A client write that
 * changes one is refused with FORBIDDEN; merges keep the master's value.
 */
export const SERVER_OWNED_FIELDS: Readonly<
  Record<CollectionName, readonly string[]>
> = {
  stores: serverOwnedOf("stores"),
  products: serverOwnedOf("products"),
  stock: serverOwnedOf("stock"),
  orders: serverOwnedOf("orders"),
  riders: serverOwnedOf("riders"),
};

function serverOwnedOf(collection: CollectionName): readonly string[] {
  return Object.freeze(
    OKADA_RULES[collection].serverOwned.map((field) => field.path),
  );
}

/**
 * May `user` turn `before` into `after`? `before` is the current master
 * (`undefined` or deleted for a create); `after._deleted` asks for a
 * delete. Checks the schema, the write rules and the invariants.
 *
 * @example
 * checkWrite(staff, "orders", pending, accepted); // { ok: true }
 * checkWrite(customer, "orders", pending, accepted);
 * // { ok: false, code: "INVALID_TRANSITION",
 * //   message: "Only staff of store st_dla_akwa can accept order …" }
 */
export function checkWrite(
  user: RuleUser,
  collection: CollectionName,
  before: WireDoc | undefined,
  after: WireDoc,
): WriteVerdict {
  return checkWriteWith(OKADA_RULES[collection], user, before, after);
}

/**
 * The business invariants `doc` breaks (the schema aside), as sentences;
 * empty when it keeps them all. A document that does not fit its schema
 * is reported as such, since its invariants cannot be checked.
 */
export function businessProblems(
  collection: CollectionName,
  doc: WireDoc,
): string[] {
  if (doc._deleted) return [];
  if (schemaProblems(collection, doc).length > 0) {
    return [`${collection}/${doc.id} does not fit the schema.`];
  }
  return OKADA_RULES[collection].invariants(doc);
}

/**
 * The deterministic three-way merge. `base` is the master the writer
 * last saw (absent for a create), `ours` their new state, `theirs` the
 * current master. See README.md for each field's strategy.
 */
export function mergeDocs(
  collection: CollectionName,
  base: WireDoc | undefined,
  ours: WireDoc,
  theirs: WireDoc,
): WireDoc {
  return mergeWith(OKADA_RULES[collection], base, ours, theirs);
}

/** RxDB's conflict input, with `null` allowed where RxDB sends it. */
export interface ConflictInput {
  assumedMasterState?: WireDoc | null | undefined;
  newDocumentState: WireDoc;
  realMasterState: WireDoc;
}

/**
 * `mergeDocs` in the shape of RxDB's conflict handler input: the merge
 * the server runs when a push finds the master moved.
 *
 * Do not run it on a master the server has already merged (every
 * conflict an Okada server returns): counter deltas would apply twice.
 * Clients of such a server adopt the master; see `okadaConflictHandler`.
 */
export function resolveConflict(
  collection: CollectionName,
  input: ConflictInput,
): WireDoc {
  return mergeDocs(
    collection,
    input.assumedMasterState ?? undefined,
    input.newDocumentState,
    input.realMasterState,
  );
}

/**
 * Decides a pushed row against the current master: the document to
 * store (the row's state, or its merge with a master that moved) or a
 * refusal. See push-review.ts for how a raced write is authorized.
 */
export function reviewPush(
  user: RuleUser,
  collection: CollectionName,
  row: PushRowInput,
  master: WireDoc | undefined,
): PushReview {
  return reviewPushWith(OKADA_RULES[collection], user, row, master);
}

/**
 * May `user` move `order` to status `to` now? Answers for the edge only
 * (the write must still record its history event and, for a rejection,
 * a reason). Meant for showing or hiding buttons.
 */
export function canTransition(
  user: RuleUser,
  order: WireDoc,
  to: OrderStatus,
): WriteVerdict {
  if (user.role === "server") return ALLOWED;
  if (order._deleted) {
    return refuse("NOT_FOUND", `Order ${order.id} has been deleted.`);
  }
  const rules = OKADA_RULES.orders;
  const actor = actorOf(rules, user, order);
  const from = String(order["status"]);
  return edgeVerdict(ORDER_MACHINE, actor, from, to, `order ${order.id}`);
}

/** The statuses `user` may move `order` to now. */
export function nextStatuses(user: RuleUser, order: WireDoc): OrderStatus[] {
  return ORDER_STATUSES.filter((to) => canTransition(user, order, to).ok);
}
