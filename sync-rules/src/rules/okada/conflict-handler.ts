/**
 * RxDB's `conflictHandler` for clients of an Okada server.
 *
 * An Okada server merges every raced push itself (with `reviewPush`) and
 * returns the merged master in the conflict list; a refused push comes
 * back as the unchanged master. Either way the master is already the
 * answer, so the client adopts `realMasterState`. Merging again on the
 * client would apply a stock adjustment twice (a counter's delta is not
 * idempotent) and would re-push a refused write forever.
 */
import type { WireDoc } from "../../protocol.ts";
import { sameState } from "../../protocol.ts";
import type { ConflictInput } from "./api.ts";

export const okadaConflictHandler = {
  isEqual: (a: WireDoc, b: WireDoc): boolean => sameState(a, b),
  resolve: (input: ConflictInput): Promise<WireDoc> =>
    Promise.resolve(input.realMasterState),
} as const;
