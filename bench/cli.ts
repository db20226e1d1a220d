/**
 * The bench's command line, parsed into options without side effects.
 *
 *   npm run bench                      all scenarios, regular2g
 *   npm run bench -- --quick           unshaped: bytes and round trips
 *   npm run bench -- --scenarios rider-reconnect,order-offline
 *   npm run bench -- --profile edge --approaches sdk,pouchdb
 *   npm run bench -- --full            fan-out for 30 s instead of 10 s
 *   npm run bench -- --without deflate the SDK with an optimization off
 */
import { parseArgs } from "node:util";
import { LINK_PROFILES, type LinkProfileName } from "@okada/test-tools";
import { APPROACHES, type ApproachName } from "./clients/types.ts";
import { BenchError } from "./harness/errors.ts";
import { SCENARIO_NAMES, type ScenarioName } from "./scenarios/types.ts";

/** Optimizations of the SDK path that `--without` turns off. */
export const OPTIMIZATIONS = [
  "handshake-pull",
  "deflate",
  "big-pages",
] as const;
export type Optimization = (typeof OPTIMIZATIONS)[number];

export interface BenchOptions {
  /** The link of the measured phases; null: unshaped. */
  profile: LinkProfileName | null;
  scenarios: ScenarioName[];
  approaches: ApproachName[];
  /** SDK optimizations turned off, to measure what each gains. */
  without: Optimization[];
  fanout: { clients: number; perSecond: number; seconds: number };
  /** Longest one measured catch-up may take, in ms. */
  syncTimeoutMs: number;
  /** Where latest.json and latest.svg go. */
  outDir: string;
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [flags]

  --quick                 unshaped link: bytes and round trips only
  --profile NAME          link profile (default regular2g), or none:
                          ${Object.keys(LINK_PROFILES).join(", ")}
  --scenarios A,B         some of (default all):
                          ${SCENARIO_NAMES.join(", ")}
  --approaches A,B        some of ${APPROACHES.join(", ")} (default all)
  --without A,B           run the SDK with some of these off:
                          ${OPTIMIZATIONS.join(", ")} (default none)
  --full                  fan-out for 30 s (default 10 s)
  --fanout-seconds N      fan-out duration in seconds
  --fanout-clients N      live clients (default 1000)
  --fanout-rate N         status changes per second (default 20)
  --timeout N             seconds one catch-up may take
                          (default 1200; 180 with --quick)
  --out DIR               results folder (default bench/results)
  --help`;

function listOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T[] {
  if (value === undefined) return [...allowed];
  const picked = value.split(",").map((s) => s.trim());
  const unknown = picked.filter((s) => !allowed.includes(s as T));
  if (unknown.length > 0 || picked.length === 0) {
    throw new BenchError(
      "BAD_FLAG",
      `--${flag} takes a comma-separated list of ${allowed.join(", ")}; ` +
        `unknown: ${unknown.join(", ") || "(empty)"}.`,
    );
  }
  // Keep the canonical order, whatever order they were given in.
  return allowed.filter((name) => picked.includes(name));
}

function positive(flag: string, value: string | undefined, fallback: number) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) {
    throw new BenchError(
      "BAD_FLAG",
      `--${flag} takes a positive number, not ${JSON.stringify(value)}.`,
    );
  }
  return n;
}

function profileOf(value: string | undefined, quick: boolean) {
  if (quick || value === "none") return null;
  if (value === undefined) return "regular2g";
  if (value in LINK_PROFILES) return value as LinkProfileName;
  throw new BenchError(
    "BAD_FLAG",
    `--profile takes one of ${Object.keys(LINK_PROFILES).join(", ")} or ` +
      `none, not ${JSON.stringify(value)}.`,
  );
}

export function parseCli(argv: readonly string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        quick: { type: "boolean", default: false },
        full: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
        profile: { type: "string" },
        scenarios: { type: "string" },
        approaches: { type: "string" },
        without: { type: "string" },
        "fanout-seconds": { type: "string" },
        "fanout-clients": { type: "string" },
        "fanout-rate": { type: "string" },
        timeout: { type: "string" },
        out: { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new BenchError("BAD_FLAG", `${(error as Error).message}\n${USAGE}`);
  }
  const quick = values.quick;
  const fanoutSeconds = values.full ? 30 : 10;
  return {
    profile: profileOf(values.profile, quick),
    scenarios: listOf("scenarios", values.scenarios, SCENARIO_NAMES),
    approaches: listOf("approaches", values.approaches, APPROACHES),
    without:
      values.without === undefined
        ? []
        : listOf("without", values.without, OPTIMIZATIONS),
    fanout: {
      clients: Math.round(
        positive("fanout-clients", values["fanout-clients"], 1000),
      ),
      perSecond: positive("fanout-rate", values["fanout-rate"], 20),
      seconds: positive(
        "fanout-seconds",
        values["fanout-seconds"],
        fanoutSeconds,
      ),
    },
    syncTimeoutMs:
      positive("timeout", values.timeout, quick ? 180 : 1200) * 1000,
    outDir: values.out ?? "bench/results",
    help: values.help,
  };
}
