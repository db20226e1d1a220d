import { describe, expect, it } from "vitest";
import { parseCli } from "./cli.ts";
import { BenchError } from "./harness/errors.ts";

describe("parseCli", () => {
  it("defaults to every scenario and approach on regular2g", () => {
    const options = parseCli([]);
    expect(options).toMatchObject({
      profile: "regular2g",
      scenarios: [
        "catalog-cold",
        "catalog-incremental",
        "rider-reconnect",
        "order-offline",
        "fan-out",
      ],
      approaches: ["sdk", "graphql", "pouchdb"],
      without: [],
      fanout: { clients: 1000, perSecond: 20, seconds: 10 },
      syncTimeoutMs: 1_200_000,
      outDir: "bench/results",
    });
  });

  it("turns SDK optimizations off with --without", () => {
    expect(parseCli(["--without", "deflate,handshake-pull"]).without).toEqual([
      "handshake-pull",
      "deflate",
    ]);
    expect(() => parseCli(["--without", "gzip"])).toThrow(BenchError);
  });

  it("runs unshaped with --quick, whatever the profile", () => {
    expect(parseCli(["--quick", "--profile", "edge"])).toMatchObject({
      profile: null,
      syncTimeoutMs: 180_000,
    });
    expect(parseCli(["--profile", "none"]).profile).toBeNull();
  });

  it("keeps the canonical order of picked scenarios", () => {
    const { scenarios } = parseCli([
      "--scenarios",
      "order-offline,catalog-cold",
    ]);
    expect(scenarios).toEqual(["catalog-cold", "order-offline"]);
  });

  it("runs the fan-out for 30 s with --full, or as long as asked", () => {
    expect(parseCli(["--full"]).fanout.seconds).toBe(30);
    expect(parseCli(["--fanout-seconds", "5"]).fanout.seconds).toBe(5);
  });

  it.each([
    [["--scenarios", "catalog-warm"]],
    [["--approaches", ""]],
    [["--profile", "5g"]],
    [["--fanout-clients", "-3"]],
    [["--timeout", "soon"]],
    [["--verbose"]],
  ])("refuses %j with BAD_FLAG", (argv) => {
    expect(() => parseCli(argv)).toThrow(BenchError);
    try {
      parseCli(argv);
    } catch (error) {
      expect((error as BenchError).code).toBe("BAD_FLAG");
    }
  });
});
