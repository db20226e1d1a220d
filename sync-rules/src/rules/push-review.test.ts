/**
 * The engine on a rule set written for the test: a merged result that
 * breaks an invariant is refused, and definitions that would let a merge
 * overwrite engine-owned fields are rejected when defined.
 */
import { describe, expect, it } from "vitest";
import { OkadaError } from "../errors.ts";
import type { StockDoc } from "../schemas/stock.ts";
import type { Wire } from "./define.ts";
import { defineRules } from "./define.ts";
import { counter, lww } from "./merge-strategies.ts";
import { reviewPushWith } from "./push-review.ts";
import { STOCK, USERS, at, patch } from "./test-support.ts";

/** A shelf that holds twelve units at most. */
const shelf = defineRules<Wire<StockDoc>>({
  collection: "stock",
  noun: "shelf",
  scopes: (doc) => [`shelf:${doc.id}`],
  relations: {
    keeper: {
      holds: (user) => user.role === "staff",
      describe: () => "a shelf keeper",
    },
  },
  create: [{ by: ["keeper"] }],
  fields: [{ paths: ["onHand"], by: ["keeper"] }],
  invariants: (doc) =>
    doc.onHand > 12 ? [`It holds ${doc.onHand} units; at most 12 fit.`] : [],
  merge: [{ paths: ["onHand"], strategy: counter({ min: 0, max: 99 }) }],
});

describe("engine: reviewing pushes against a rule set", () => {
  it("refuses a merge breaking an invariant each side kept", () => {
    const review = reviewPushWith(
      shelf,
      USERS.staff,
      {
        assumedMasterState: STOCK,
        newDocumentState: patch(STOCK, { onHand: 12, updatedAt: at(1) }),
      },
      patch(STOCK, { onHand: 12, updatedAt: at(2) }),
    );
    expect(review).toMatchObject({ ok: false, code: "BUSINESS_RULE" });
    expect(!review.ok && review.message).toContain("at most 12 fit");
  });

  it("lets a field with no rule be changed by admins only", () => {
    const next = patch(STOCK, { productId: "p_other", updatedAt: at(1) });
    const row = { assumedMasterState: STOCK, newDocumentState: next };
    expect(reviewPushWith(shelf, USERS.staff, row, STOCK)).toMatchObject({
      code: "FORBIDDEN",
      message: "Only an admin can change productId of shelf " + `${STOCK.id}.`,
    });
  });

  it("refuses a definition whose merge units claim an engine field", () => {
    const define = () =>
      defineRules<Wire<StockDoc>>({
        collection: "stock",
        noun: "shelf",
        scopes: () => [],
        relations: {},
        serverOwned: [{ path: "reserved", initial: 0 }],
        merge: [{ paths: ["reserved"], strategy: lww() }],
      });
    expect(define).toThrow(OkadaError);
    expect(define).toThrow(/reserved is merged by the engine/);
  });
});
