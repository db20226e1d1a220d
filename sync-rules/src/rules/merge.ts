/**
 * The three-way merge: base is the master state the writer last saw,
 * ours the state they propose, theirs the current master. The result is
 * built unit by unit from the collection's merge units; a top-level
 * field no unit names is merged by three-way last-writer-wins.
 *
 * Precedence inside a unit: a lock first (a frozen side's value wins;
 * the master's if both are frozen), then the unit's strategy. Deletion
 * beats everything: a deleted side is the result.
 */
import type { WireDoc } from "../protocol.ts";
import type { CollectionRules, MergeUnit } from "./define.ts";
import { CLOCK_FIELD } from "./define.ts";
import type { UnitValues } from "./merge-strategies.ts";
import { lww } from "./merge-strategies.ts";
import { getPath, overlaps, setPath } from "./paths.ts";

const defaultStrategy = lww();

export function mergeWith(
  rules: CollectionRules,
  base: WireDoc | undefined,
  ours: WireDoc,
  theirs: WireDoc,
): WireDoc {
  // Only an admin or the server deletes; resurrecting a document through
  // a merge would undo that decision behind their back.
  if (theirs._deleted) return structuredClone(theirs);
  if (ours._deleted) return structuredClone(ours);
  const liveBase = base === undefined || base._deleted ? undefined : base;
  const result = structuredClone(theirs);
  for (const unit of unitsFor(rules, [liveBase, ours, theirs])) {
    const values = mergeUnit(rules, unit, liveBase, ours, theirs);
    unit.paths.forEach((path, i) => setPath(result, path, values[i]));
  }
  return structuredClone(result);
}

/** Declared units, then one default unit per field nobody declared. */
function unitsFor(
  rules: CollectionRules,
  docs: readonly (WireDoc | undefined)[],
): MergeUnit[] {
  const named = rules.units.flatMap((unit) => unit.paths);
  const fields = new Set(docs.flatMap((doc) => Object.keys(doc ?? {})));
  const extra: MergeUnit[] = [...fields]
    .filter((field) => field !== "_deleted")
    .filter((field) => !named.some((path) => overlaps(path, field)))
    .sort()
    .map((field) => ({ paths: [field], strategy: defaultStrategy }));
  return [...rules.units, ...extra];
}

function mergeUnit(
  rules: CollectionRules,
  unit: MergeUnit,
  base: WireDoc | undefined,
  ours: WireDoc,
  theirs: WireDoc,
): readonly unknown[] {
  const read = (doc: WireDoc) => unit.paths.map((p) => getPath(doc, p));
  const lock = rules.locks.find((l) =>
    l.paths.some((lp) => unit.paths.some((p) => overlaps(lp, p))),
  );
  if (lock !== undefined) {
    if (lock.holds(theirs)) return read(theirs);
    if (lock.holds(ours)) return read(ours);
  }
  const values: UnitValues = {
    ours: read(ours),
    theirs: read(theirs),
    oursTime: String(ours[CLOCK_FIELD]),
    theirsTime: String(theirs[CLOCK_FIELD]),
    ...(base === undefined ? {} : { base: read(base) }),
  };
  return unit.strategy(values);
}
