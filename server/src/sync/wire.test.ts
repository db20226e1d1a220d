import { describe, expect, it } from "vitest";
import { toStored, toWire } from "./wire.ts";

describe("wire form", () => {
  it("hides store fields and normalises _deleted", () => {
    const wire = toWire({ _id: "a", _rev: "1-x", n: 1 });
    expect(wire).toEqual({ id: "a", n: 1, _deleted: false });
  });

  it("keeps a tombstone's body", () => {
    const stored = toStored({ id: "a", n: 1, _deleted: true }, "2-y");
    expect(stored).toEqual({
      _id: "a",
      id: "a",
      n: 1,
      _rev: "2-y",
      _deleted: true,
    });
    expect(toWire(stored)).toEqual({ id: "a", n: 1, _deleted: true });
  });

  it("drops client-internal fields a client might send", () => {
    const doc = { id: "a", _deleted: false, _rev: "9-z", _meta: {} };
    expect(toStored(doc)).toEqual({ _id: "a", id: "a" });
  });
});
