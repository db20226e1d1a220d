import { describe, expect, it } from "vitest";
import { markdownTable } from "./markdown.ts";

describe("markdownTable", () => {
  it("pads every column to its widest cell and aligns numbers right", () => {
    const table = markdownTable(
      ["name", "bytes"],
      [
        ["sdk", "3 kB"],
        ["pouchdb", "200 kB"],
      ],
      ["left", "right"],
    );
    expect(table.split("\n")).toEqual([
      "| name    |  bytes |",
      "| ------- | -----: |",
      "| sdk     |   3 kB |",
      "| pouchdb | 200 kB |",
    ]);
  });

  it("counts a non-ASCII sign as one column", () => {
    const table = markdownTable(["t"], [["≤ 2"]], ["left"]);
    expect(table.split("\n")[2]).toBe("| ≤ 2 |");
  });
});
