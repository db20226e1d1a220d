/**
 * Per-field merge strategies. A strategy merges one unit: a tuple of
 * field values that must travel together (an order's `items` and
 * `totalXaf`), read from the common base, our proposed state and their
 * current master state.
 *
 * Every strategy is deterministic: ties are broken by comparing the
 * canonical JSON of the values, never by which side is "ours", so the
 * server and every client compute the same result.
 */
import { canonical } from "./paths.ts";
import { compareTimes } from "./time.ts";

export interface UnitValues {
  /** Values in the common base; absent when there is no base. */
  readonly base?: readonly unknown[];
  readonly ours: readonly unknown[];
  readonly theirs: readonly unknown[];
  /** `updatedAt` of our and their document: the writers' recorded time. */
  readonly oursTime: string;
  readonly theirsTime: string;
}

export type MergeStrategy = (values: UnitValues) => readonly unknown[];

function same(a: readonly unknown[], b: readonly unknown[]): boolean {
  return canonical(a) === canonical(b);
}

/** The greater canonical form: an arbitrary but fixed tie-break. */
function byValue(a: readonly unknown[], b: readonly unknown[]) {
  return canonical(a) >= canonical(b) ? a : b;
}

function newer(values: UnitValues): readonly unknown[] {
  const order = compareTimes(values.oursTime, values.theirsTime);
  if (order > 0) return values.ours;
  if (order < 0) return values.theirs;
  return byValue(values.ours, values.theirs);
}

/**
 * Three-way last-writer-wins: a unit changed on one side only takes that
 * side; changed on both (or with no base), the later `updatedAt` wins.
 */
export function lww(): MergeStrategy {
  return (values) => {
    const { base, ours, theirs } = values;
    if (same(ours, theirs)) return ours;
    if (base !== undefined) {
      if (same(ours, base)) return theirs;
      if (same(theirs, base)) return ours;
    }
    return newer(values);
  };
}

export interface CounterOptions {
  /** Smallest value the merge may produce (the schema's minimum). */
  min: number;
  /** Largest value the merge may produce (the schema's maximum). */
  max: number;
}

/**
 * A counter: our change is replayed as a delta on their value, so
 * concurrent +5 and -2 on 10 give 13. The result is clamped to
 * `[min, max]` so that it always fits the schema. Without a base there is
 * no delta to replay and the unit falls back to last-writer-wins.
 */
export function counter(options: CounterOptions): MergeStrategy {
  const fallback = lww();
  return (values) => {
    const [base] = values.base ?? [];
    const [ours] = values.ours;
    const [theirs] = values.theirs;
    if (
      typeof base !== "number" ||
      typeof ours !== "number" ||
      typeof theirs !== "number"
    ) {
      return fallback(values);
    }
    const sum = theirs + (ours - base);
    return [Math.min(options.max, Math.max(options.min, sum))];
  };
}

/**
 * A state machine's state: the one furthest along by `rank`. Base is
 * ignored: a state reached on either side has happened.
 */
export function furthest(rank: Readonly<Record<string, number>>) {
  const rankOf = (value: unknown) =>
    typeof value === "string" ? (rank[value] ?? -1) : -1;
  const merge: MergeStrategy = ({ ours, theirs }) => {
    const diff = rankOf(ours[0]) - rankOf(theirs[0]);
    if (diff > 0) return ours;
    if (diff < 0) return theirs;
    return byValue(ours, theirs);
  };
  return merge;
}

/**
 * A grow-only set stored as an array: the union of both sides without
 * duplicates, sorted by `compare` (then by canonical form, so equal keys
 * still sort one way).
 */
export function union<T>(compare: (a: T, b: T) => number): MergeStrategy {
  return ({ ours, theirs }) => {
    const seen = new Map<string, T>();
    for (const list of [ours[0], theirs[0]]) {
      if (!Array.isArray(list)) continue;
      for (const item of list as T[]) seen.set(canonical(item), item);
    }
    const merged = [...seen.entries()]
      .sort(([ka, a], [kb, b]) => compare(a, b) || (ka < kb ? -1 : 1))
      .map(([, item]) => item);
    return [merged];
  };
}

/**
 * The value with the latest time stamp inside it (a location fix's
 * `recordedAt`). A value without a stamp loses to one with a stamp.
 */
export function newest(stampOf: (value: unknown) => unknown): MergeStrategy {
  return ({ ours, theirs }) => {
    const a = stampOf(ours[0]);
    const b = stampOf(theirs[0]);
    if (typeof a !== "string") return typeof b === "string" ? theirs : ours;
    if (typeof b !== "string") return ours;
    const order = compareTimes(a, b);
    if (order !== 0) return order > 0 ? ours : theirs;
    return byValue(ours, theirs);
  };
}

/** Keeps the master's value: server-owned and immutable fields. */
export function keepMaster(): MergeStrategy {
  return ({ theirs }) => theirs;
}

/** The later of two time stamps: the merged `updatedAt`. */
export function latest(): MergeStrategy {
  return ({ ours, theirs }) => {
    const [a] = ours;
    const [b] = theirs;
    if (typeof a !== "string") return theirs;
    if (typeof b !== "string") return ours;
    const order = compareTimes(a, b);
    return order === 0 ? byValue(ours, theirs) : order > 0 ? ours : theirs;
  };
}

/** The strategies, for rule definitions. */
export const mergeStrategies = {
  lww,
  counter,
  furthest,
  union,
  newest,
  keepMaster,
  latest,
} as const;
