import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, sameState } from "./protocol.ts";

describe("canonicalJson", () => {
  it("ignores key order, store fields and undefined values", () => {
    const a = { id: "x", b: { y: 1, x: 2 }, _rev: "1-a", _deleted: false };
    const b = { b: { x: 2, y: 1 }, id: "x", u: undefined, _meta: { lwt: 1 } };
    expect(sameState(a, b)).toBe(true);
  });

  it("tells deleted from live and array order apart", () => {
    expect(sameState({ id: "x" }, { id: "x", _deleted: true })).toBe(false);
    expect(sameState({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });

  it("is invariant under key permutation (property)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        return canonicalJson(obj) === canonicalJson(reversed);
      }),
    );
  });
});
