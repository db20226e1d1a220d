/**
 * Why the client adopts the server's master instead of merging again:
 * the server has already merged with `resolveConflict`.
 */
import { describe, expect, it } from "vitest";
import { resolveConflict, type WireDoc } from "@okada/sync-rules";
import { okadaRxConflictHandler } from "./conflict-handler.ts";

const stock = (onHand: number): WireDoc => ({
  id: "st_dla_akwa:p_dla_akwa_0001",
  storeId: "st_dla_akwa",
  productId: "p_dla_akwa_0001",
  onHand,
  reserved: 0,
  updatedAt: "2025-01-01T00:00:00.000Z",
  _deleted: false,
});

describe("okadaRxConflictHandler", () => {
  const handler = okadaRxConflictHandler<WireDoc>();

  it("adopts the merged master, which already holds the client's delta", async () => {
    // Master 10; the client sold 2 (10 -> 8) while staff received 5
    // (10 -> 15). The server merged the push: 15 - 2 = 13.
    const input = {
      assumedMasterState: stock(10),
      newDocumentState: stock(8),
      realMasterState: stock(13),
    };
    expect(
      resolveConflict("stock", { ...input, realMasterState: stock(15) }),
    ).toMatchObject({ onHand: 13 });
    await expect(handler.resolve(input, "test")).resolves.toEqual(stock(13));
    // Merging again on the client would count the sale twice.
    expect(resolveConflict("stock", input)).toMatchObject({ onHand: 11 });
  });

  it("adopts the master of a refused write instead of pushing it again", async () => {
    const master = stock(10);
    const refused = { ...stock(10), reserved: 99 };
    const resolved = await handler.resolve(
      {
        assumedMasterState: master,
        newDocumentState: refused,
        realMasterState: master,
      },
      "test",
    );
    expect(resolved).toEqual(master);
  });

  it("compares canonical states: key order and store fields do not count", () => {
    const a = stock(3);
    const reordered = Object.fromEntries(
      Object.entries(a).reverse(),
    ) as WireDoc;
    expect(handler.isEqual(a, { ...reordered, _rev: "2-x" }, "test")).toBe(
      true,
    );
    expect(handler.isEqual(a, stock(4), "test")).toBe(false);
  });
});
