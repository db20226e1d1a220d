import { describe, expect, it } from "vitest";
import { OkadaError } from "@okada/sync-rules";
import { parseCheckpoint, parseLimit } from "./pull.ts";

describe("checkpoint and limit", () => {
  it.each([
    [null, "0"],
    [undefined, "0"],
    [{ seq: "0" }, "0"],
    [{ seq: "17" }, "17"],
    [
      { seq: "23-g1AAAABteJzLYWBgYMpgTmHgz8tPSTV0MDQ" },
      "23-g1AAAABteJzLYWBgYMpgTmHgz8tPSTV0MDQ",
    ],
  ])("accepts %j", (checkpoint, seq) => {
    expect(parseCheckpoint(checkpoint)).toBe(seq);
  });

  it.each([
    { seq: "" },
    { seq: "abc" },
    { seq: 5 },
    { seq: "1;drop" },
    {},
    "7",
  ])("refuses %j as INVALID_CHECKPOINT", (checkpoint) => {
    expect(() => parseCheckpoint(checkpoint)).toThrow(
      expect.objectContaining({ code: "INVALID_CHECKPOINT" }) as OkadaError,
    );
  });

  it.each([0, -1, 1.5, 1001, "10", null])("refuses limit %j", (limit) => {
    expect(() => parseLimit(limit)).toThrow(OkadaError);
  });
});
