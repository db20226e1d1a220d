/**
 * Property tests: random concurrent edit histories, pushed to a server
 * model in random interleavings, end with every replica identical to the
 * server and every invariant holding. Set FC_SEED to replay a failure;
 * fast-check prints the seed and the shrunk path of every failure.
 *
 * Invariants, each named by a test below:
 * - convergence: after a final push and pull, every replica equals the
 *   master;
 * - validity: every master state fits the schema and keeps the business
 *   invariants;
 * - orders: the status never moves back; the history only grows and
 *   holds every event of every accepted push; contents never change once
 *   accepted, nor the rider once picked up; only a reassignment refuses
 *   a push;
 * - stock: onHand never goes negative and equals the initial count plus
 *   every accepted adjustment (clamped at zero); reserved is the server's;
 * - riders: the location is the newest fix ever accepted.
 *
 * Order-independence has its own file.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { WireDoc } from "../../protocol.ts";
import { canonicalJson } from "../../protocol.ts";
import { schemaProblems } from "../../validate.ts";
import { eventKey } from "../status.ts";
import { compareTimes } from "../time.ts";
import { RIDER, STOCK, USERS, orderAt, patch } from "../test-support.ts";
import { businessProblems } from "./api.ts";
import {
  asOrder,
  customerPhone,
  riderPhone,
  staffTablet,
} from "./order-actors.ts";
import { ORDER_RANK, wasAccepted, wasPickedUp } from "./order-status.ts";
import type { Actor } from "./sync-model.ts";
import {
  SyncModel,
  commandsArb,
  fcSeed,
  propertyOptions,
} from "./sync-model.ts";

const seed = fcSeed();
if (seed !== undefined) console.info(`fast-check: replaying FC_SEED=${seed}`);

const ORDER_STARTS = ["pending", "accepted", "ready"] as const;

function checkOrderHistory(model: SyncModel): void {
  const masters = model.masters.map(asOrder);
  for (const master of masters) {
    expect(schemaProblems("orders", master)).toEqual([]);
    expect(businessProblems("orders", master)).toEqual([]);
  }
  masters.slice(1).forEach((next, i) => {
    const prev = masters[i];
    if (prev === undefined) return;
    expect(ORDER_RANK[next.status]).toBeGreaterThanOrEqual(
      ORDER_RANK[prev.status],
    );
    const kept = new Set(next.statusHistory.map(eventKey));
    for (const event of prev.statusHistory) {
      expect(kept.has(eventKey(event))).toBe(true);
    }
    if (wasAccepted(prev)) {
      expect(next.items).toEqual(prev.items);
      expect(next.totalXaf).toBe(prev.totalXaf);
      expect(next.deliveryAddress).toEqual(prev.deliveryAddress);
      expect(next.payment.method).toBe(prev.payment.method);
    }
    if (wasPickedUp(prev)) expect(next.riderId).toBe(prev.riderId);
  });
  const final = new Set(asOrder(model.master).statusHistory.map(eventKey));
  for (const push of model.pushes) {
    if (!push.review.ok) {
      // Only a reassignment (the rider lost the order) refuses a push.
      expect(push.review.code).toBe("FORBIDDEN");
      continue;
    }
    for (const event of asOrder(push.local).statusHistory) {
      expect(final.has(eventKey(event))).toBe(true);
    }
  }
}

function expectConverged(model: SyncModel): void {
  for (const local of model.locals()) {
    expect(canonicalJson(local)).toBe(canonicalJson(model.master));
  }
}

describe("convergence (fast-check)", () => {
  it("orders: replicas converge and the state machine holds", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ORDER_STARTS),
        commandsArb(7, 60),
        (start, commands) => {
          const model = new SyncModel("orders", orderAt(start), [
            customerPhone(),
            customerPhone("customer-laptop", 21),
            staffTablet("tablet-a", 0, true),
            staffTablet("tablet-b", 13, true),
            riderPhone(USERS.rider, -20),
            riderPhone(USERS.otherRider, 4),
            riderPhone(USERS.rider, 9),
          ]);
          for (const command of commands) model.run(command);
          model.finish();
          expectConverged(model);
          checkOrderHistory(model);
        },
      ),
      propertyOptions(200),
    );
  });

  it("stock: onHand is the initial count plus every adjustment", () => {
    const server: Actor = {
      name: "server",
      user: USERS.server,
      skew: 0,
      direct: true,
      edits: (local, now) =>
        [0, 1, 3].map((reserved) => patch(local, { reserved, updatedAt: now })),
    };
    const tablet = (name: string, skew: number): Actor => ({
      name,
      user: USERS.staff,
      skew,
      edits: (local, now) =>
        [-4, -1, 1, 2, 5, 10]
          .map((delta) => Number(local["onHand"]) + delta)
          .filter((onHand) => onHand >= 0)
          .map((onHand) => patch(local, { onHand, updatedAt: now })),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        commandsArb(4, 60),
        (onHand, commands) => {
          const initial = patch(STOCK, { onHand });
          const model = new SyncModel("stock", initial, [
            tablet("tablet-a", 0),
            tablet("tablet-b", -15),
            tablet("tablet-c", 7),
            server,
          ]);
          for (const command of commands) model.run(command);
          model.finish();
          expectConverged(model);
          let expected = onHand;
          let reserved = 0;
          for (const push of model.pushes) {
            expect(push.review.ok).toBe(true);
            const delta =
              Number(push.local["onHand"]) - Number(push.base["onHand"]);
            expected = Math.max(0, expected + delta);
            if (push.actor === "server")
              reserved = Number(push.local["reserved"]);
          }
          for (const master of model.masters) {
            expect(schemaProblems("stock", master)).toEqual([]);
          }
          expect(model.master["onHand"]).toBe(expected);
          expect(model.master["reserved"]).toBe(reserved);
        },
      ),
      propertyOptions(200),
    );
  });

  it("riders: the newest fix wins whatever the arrival order", () => {
    const phone = (name: string, skew: number): Actor => ({
      name,
      user: USERS.rider,
      skew,
      edits: (local, now) => {
        const fix = (minutesAgo: number) => ({
          lat: 4 + minutesAgo / 100,
          lng: 9.7,
          accuracy: 10,
          recordedAt: new Date(
            Date.parse(now) - minutesAgo * 60_000,
          ).toISOString(),
        });
        return [
          patch(local, { location: fix(0), updatedAt: now }),
          patch(local, { location: fix(30), updatedAt: now }),
          patch(local, { availability: "busy", updatedAt: now }),
          patch(local, { availability: "available", updatedAt: now }),
        ];
      },
    });
    const admin: Actor = {
      name: "admin",
      user: USERS.admin,
      skew: 3,
      edits: (local, now) => [patch(local, { name: "A. K.", updatedAt: now })],
    };
    fc.assert(
      fc.property(commandsArb(3, 50), (commands) => {
        const model = new SyncModel("riders", RIDER, [
          phone("phone-a", 0),
          phone("phone-b", -40),
          admin,
        ]);
        for (const command of commands) model.run(command);
        model.finish();
        expectConverged(model);
        const stamp = (doc: WireDoc) =>
          (doc["location"] as { recordedAt: string }).recordedAt;
        const newest = model.pushes
          .filter((push) => push.review.ok)
          .map((push) => stamp(push.local))
          .reduce((a, b) => (compareTimes(a, b) >= 0 ? a : b), stamp(RIDER));
        expect(stamp(model.master)).toBe(newest);
      }),
      propertyOptions(200),
    );
  });
});
