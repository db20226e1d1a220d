/**
 * Deciding a pushed row: RxDB sends `{assumedMasterState?,
 * newDocumentState}` and the server holds `master`. The outcome is the
 * document to store (the new state, or a merge of it with a master that
 * moved) or a refusal.
 *
 * A write that raced is authorized as the change the writer made from
 * the state they saw (assumed -> new), not as the merged result, because
 * the merge also carries other people's changes. Guards keep that
 * honest: the writer must still hold their relation on the current
 * master (a reassigned rider is refused); the assumed state must be one
 * the master could have passed through (`ancestry`); the merged result
 * must fit the schema and the invariants; and a push with no assumed
 * state for a document that exists (a create that raced, or a replayed
 * create) must cause only changes the writer may make.
 */
import type { WireDoc } from "../protocol.ts";
import { sameState } from "../protocol.ts";
import { schemaProblems } from "../validate.ts";
import type { CollectionRules } from "./define.ts";
import { mergeWith } from "./merge.ts";
import type { Refusal, RuleUser } from "./types.ts";
import { refuse } from "./types.ts";
import { checkWriteWith } from "./write.ts";

export interface PushRowInput {
  assumedMasterState?: WireDoc | null | undefined;
  newDocumentState: WireDoc;
}

/**
 * `doc` is what the store should hold; when it equals the master (a
 * replay, or a merge that changed nothing) there is nothing to write.
 * `merged` says whether the client must adopt `doc` as a conflict.
 */
export type PushReview = { ok: true; doc: WireDoc; merged: boolean } | Refusal;

/**
 * A write from the current master still goes through the merge, with the
 * master as base. Three-way fields take the write as it is; fields whose
 * strategy ignores the base keep their guarantee on every path (a late
 * location fix never replaces a newer one). The server's own writes are
 * taken as they are: it may set server-owned fields.
 */
function inStepWrite(
  rules: CollectionRules,
  user: RuleUser,
  master: WireDoc,
  next: WireDoc,
): PushReview {
  const verdict = checkWriteWith(rules, user, master, next);
  if (!verdict.ok) return verdict;
  if (user.role === "server" || master._deleted) {
    return { ok: true, doc: next, merged: false };
  }
  const doc = mergeWith(rules, master, next, master);
  return { ok: true, doc, merged: !sameState(doc, next) };
}

export function reviewPushWith(
  rules: CollectionRules,
  user: RuleUser,
  row: PushRowInput,
  master: WireDoc | undefined,
): PushReview {
  const next = row.newDocumentState;
  const assumed = row.assumedMasterState ?? undefined;
  if (master === undefined) {
    const verdict = checkWriteWith(rules, user, undefined, next);
    return verdict.ok ? { ok: true, doc: next, merged: false } : verdict;
  }
  if (sameState(master, next)) return { ok: true, doc: master, merged: false };
  const inStep =
    assumed === undefined ? master._deleted : sameState(assumed, master);
  if (inStep) return inStepWrite(rules, user, master, next);
  // Deletion wins every merge; the writer adopts the tombstone.
  if (master._deleted) return { ok: true, doc: master, merged: true };
  return mergedPush(rules, user, assumed, next, master);
}

function mergedPush(
  rules: CollectionRules,
  user: RuleUser,
  assumed: WireDoc | undefined,
  next: WireDoc,
  master: WireDoc,
): PushReview {
  const intent = checkWriteWith(rules, user, assumed, next, {
    standing: master,
  });
  if (!intent.ok) return intent;
  const label = `${rules.noun} ${next.id}`;
  if (assumed !== undefined && !assumed._deleted && user.role !== "server") {
    const problem = rules.ancestry?.(assumed, master);
    if (problem !== undefined) return refuse("BAD_REQUEST", problem);
  }
  const merged = mergeWith(rules, assumed, next, master);
  if (merged._deleted) return { ok: true, doc: merged, merged: true };
  if (assumed === undefined && !sameState(merged, master)) {
    // Without a base every field merges by last writer, which trusts the
    // writer's clock; so the effect must be one they may cause.
    const effect = checkWriteWith(rules, user, master, merged);
    if (!effect.ok) return effect;
  }
  const shape = schemaProblems(rules.collection, merged);
  if (shape.length > 0) {
    return refuse(
      "SCHEMA_VIOLATION",
      `Merging your change to ${label} with a newer one gives an ` +
        `invalid document (${shape.slice(0, 3).join("; ")}); pull and retry.`,
    );
  }
  const problems = rules.invariants(merged);
  if (problems.length > 0) {
    return refuse(
      "BUSINESS_RULE",
      `Your change to ${label} conflicts with a newer change: ` +
        `${problems.join(" ")} Pull the latest version and retry.`,
    );
  }
  return { ok: true, doc: merged, merged: true };
}
