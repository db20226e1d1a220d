/**
 * RxDB's conflict handler for every Okada collection: the merge rules of
 * sync-rules as a client applies them.
 *
 * RxDB calls `resolve` only when a push comes back with a master to
 * adopt. An Okada server has already run the collection's three-way
 * merge (`resolveConflict` in sync-rules) on that push and returns its
 * result, or returns the unchanged master of a refused write. Either
 * way the returned master is the answer, so the client adopts it, as
 * `okadaConflictHandler` in sync-rules documents. Running
 * `resolveConflict` again here would apply a stock adjustment twice (a
 * counter's delta is not idempotent) and would push a refused write
 * again forever; conflict-handler.test.ts shows both.
 *
 * `isEqual` compares canonical states (`sameState`): key order and the
 * store's own fields do not make two states differ.
 */
import type { RxConflictHandler, WithDeleted } from "rxdb";
import { okadaConflictHandler, type WireDoc } from "@okada/sync-rules";

export function okadaRxConflictHandler<T>(): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => okadaConflictHandler.isEqual(wire(a), wire(b)),
    resolve: async (input) => {
      const adopted = await okadaConflictHandler.resolve({
        assumedMasterState: input.assumedMasterState
          ? wire(input.assumedMasterState)
          : undefined,
        newDocumentState: wire(input.newDocumentState),
        realMasterState: wire(input.realMasterState),
      });
      return adopted as unknown as WithDeleted<T>;
    },
  };
}

function wire<T>(doc: WithDeleted<T>): WireDoc {
  return doc as unknown as WireDoc;
}
