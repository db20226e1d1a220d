/** Relations several Okada collections share. */
import type { Relation } from "../define.ts";

/** Staff of the store named by `storeIdOf(doc)`. */
export function staffOf<D>(storeIdOf: (doc: D) => string): Relation<D> {
  return {
    holds: (user, doc) =>
      user.role === "staff" &&
      user.storeId !== undefined &&
      user.storeId === storeIdOf(doc),
    describe: (doc) => `staff of store ${storeIdOf(doc)}`,
  };
}

/** A scope `<kind>:<value>`, or none when the value is missing. */
export function scope(kind: string, value: unknown): string[] {
  return typeof value === "string" && value !== "" ? [`${kind}:${value}`] : [];
}
