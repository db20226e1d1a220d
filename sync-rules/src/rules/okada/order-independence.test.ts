/**
 * Order-independence: the same concurrent pushes, all made from one
 * common base, delivered in every arrival order, give the same status,
 * history, contents and stock. Set FC_SEED to replay a failure.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { WireDoc } from "../../protocol.ts";
import {
  NEW_ORDER,
  STOCK,
  USERS,
  orderAt,
  patch,
  step,
} from "../test-support.ts";
import {
  asOrder,
  customerPhone,
  riderPhone,
  staffTablet,
} from "./order-actors.ts";
import { ORDER_RANK } from "./order-status.ts";
import type { Actor } from "./sync-model.ts";
import {
  SyncModel,
  commandsArb,
  fcSeed,
  permutations,
  propertyOptions,
} from "./sync-model.ts";

const seed = fcSeed();
if (seed !== undefined) console.info(`fast-check: replaying FC_SEED=${seed}`);

const ORDER_STARTS = ["pending", "accepted", "ready"] as const;

/** Pushes `locals` (all edited from `base`) in `order` to a fresh master. */
function replay(
  collection: "orders" | "stock" | "riders",
  base: WireDoc,
  locals: readonly [Actor, WireDoc][],
): SyncModel {
  const model = new SyncModel(
    collection,
    base,
    locals.map(([actor]) => actor),
  );
  locals.forEach(([, local], i) => {
    model.setLocal(i, local);
  });
  locals.forEach((_, i) => {
    model.run({ kind: "push", replica: i, choice: 0, minutes: 0 });
  });
  return model;
}

describe("order-independence (fast-check)", () => {
  it("orders: every arrival order gives the same outcome", () => {
    const actors = [
      customerPhone(),
      staffTablet("tablet-a", 0, false),
      staffTablet("tablet-b", 11, false),
      riderPhone(USERS.rider, -5),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...ORDER_STARTS),
        commandsArb(actors.length, 12),
        (start, commands) => {
          const base = orderAt(start);
          const edited = new SyncModel("orders", base, actors);
          for (const c of commands) edited.run({ ...c, kind: "edit" });
          const locals = actors.map((actor, i): [Actor, WireDoc] => [
            actor,
            edited.locals()[i] ?? base,
          ]);
          const outcomes = permutations(locals).map((order) => {
            const model = replay("orders", base, order);
            expect(model.pushes.every((p) => p.review.ok)).toBe(true);
            const { status, statusHistory, items, totalXaf } = asOrder(
              model.master,
            );
            return JSON.stringify({ status, statusHistory, items, totalXaf });
          });
          expect(new Set(outcomes).size).toBe(1);
          const furthest = locals
            .map(([, doc]) => asOrder(doc).status)
            .reduce((a, b) => (ORDER_RANK[a] >= ORDER_RANK[b] ? a : b));
          expect(JSON.parse(outcomes[0] ?? "{}")).toMatchObject({
            status: furthest,
          });
        },
      ),
      propertyOptions(100),
    );
  });

  it("stock: every arrival order adds up every delta", () => {
    const tablet: Actor = {
      name: "tablet",
      user: USERS.staff,
      skew: 0,
      edits: () => [],
    };
    const deltas = fc
      .array(fc.integer({ min: -10, max: 20 }), { minLength: 2, maxLength: 5 })
      .filter(
        (ds) => ds.filter((d) => d < 0).reduce((a, b) => a + b, 0) >= -10,
      );
    fc.assert(
      fc.property(deltas, (ds) => {
        const base = patch(STOCK, { onHand: 10 });
        const locals = ds.map((delta, i): [Actor, WireDoc] => [
          tablet,
          patch(base, {
            onHand: 10 + delta,
            updatedAt: `2026-05-01T09:00:0${i}.000Z`,
          }),
        ]);
        const total = 10 + ds.reduce((a, b) => a + b, 0);
        for (const order of permutations(locals)) {
          expect(replay("stock", base, order).master["onHand"]).toBe(total);
        }
      }),
      propertyOptions(100),
    );
  });

  it.each([
    [10, [5, -2], 13],
    [10, [-2, 5], 13],
    [3, [-2, -2], 0],
  ])("stock %i with adjustments %j ends at %i", (onHand, ds, expected) => {
    const tablet: Actor = {
      name: "t",
      user: USERS.staff,
      skew: 0,
      edits: () => [],
    };
    const base = patch(STOCK, { onHand });
    const locals = ds.map((delta, i): [Actor, WireDoc] => [
      tablet,
      patch(base, {
        onHand: onHand + delta,
        updatedAt: `2026-05-01T09:00:0${i}Z`,
      }),
    ]);
    expect(replay("stock", base, locals).master["onHand"]).toBe(expected);
  });

  it("orders: cancelled and accepted concurrently ends cancelled", () => {
    const cancelled = step(
      NEW_ORDER,
      "cancelled",
      "customer",
      "2026-05-01T08:05:00Z",
    );
    const accepted = step(
      NEW_ORDER,
      "accepted",
      "staff",
      "2026-05-01T08:04:00Z",
    );
    for (const order of permutations<[Actor, WireDoc]>([
      [customerPhone(), cancelled],
      [staffTablet("t", 0, false), accepted],
    ])) {
      expect(replay("orders", NEW_ORDER, order).master["status"]).toBe(
        "cancelled",
      );
    }
  });
});
