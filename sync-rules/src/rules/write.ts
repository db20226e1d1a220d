/**
 * The write check: may this user turn `before` into `after`? Checks run
 * in a fixed order and the first refusal wins:
 *
 * 1. shape: same id (BAD_REQUEST), schema (SCHEMA_VIOLATION);
 * 2. role `server`: only the invariants below apply;
 * 3. delete: admin only (FORBIDDEN);
 * 4. server-owned fields unchanged, or at their initial value on create
 *    (FORBIDDEN);
 * 5. create: a create rule for a relation the user holds (FORBIDDEN, or
 *    the rule's own code);
 *    update: some relation to the document (FORBIDDEN), immutable fields
 *    and locks (IMMUTABLE_FIELD), the status path (INVALID_TRANSITION,
 *    FORBIDDEN, BUSINESS_RULE), then a field rule for every other
 *    changed field (FORBIDDEN, or the rule's own code);
 * 6. business invariants of the new state (BUSINESS_RULE).
 *
 * Admins skip relations, field rules and create rules; immutability,
 * locks, status edges and invariants still bind them.
 */
import type { WireDoc } from "../protocol.ts";
import { schemaProblems } from "../validate.ts";
import type { CollectionRules } from "./define.ts";
import { CLOCK_FIELD, describeRelations, relationsHeld } from "./define.ts";
import {
  canonical,
  changedPaths,
  covers,
  getPath,
  overlaps,
  sameValue,
} from "./paths.ts";
import type { StatusActor } from "./status.ts";
import { attemptedEdge, statusVerdict } from "./status.ts";
import type { RuleUser, WriteVerdict } from "./types.ts";
import { ALLOWED, capitalized, refuse } from "./types.ts";

export interface WriteOptions {
  /**
   * Another state the user must also hold a relation on. When a push is
   * checked against the client's assumed base, pass the current master
   * here, so that a rider whose order was reassigned meanwhile is
   * refused even though the base still names them.
   */
  standing?: WireDoc;
}

export function checkWriteWith(
  rules: CollectionRules,
  user: RuleUser,
  before: WireDoc | undefined,
  after: WireDoc,
  options: WriteOptions = {},
): WriteVerdict {
  const label = `${rules.noun} ${after.id}`;
  if (before !== undefined && before.id !== after.id) {
    return refuse(
      "BAD_REQUEST",
      `The write is for ${label} but the stored document is ${before.id}.`,
    );
  }
  if (!after._deleted) {
    const problems = schemaProblems(rules.collection, after);
    if (problems.length > 0) {
      return refuse(
        "SCHEMA_VIOLATION",
        `${capitalized(label)} does not fit the ${rules.collection} ` +
          "schema: " +
          `${problems.slice(0, 3).join("; ")}.`,
      );
    }
  }
  if (user.role === "server") return invariantVerdict(rules, after, label);
  const live = before === undefined || before._deleted ? undefined : before;
  if (after._deleted) {
    return user.role === "admin"
      ? ALLOWED
      : refuse("FORBIDDEN", `Only an admin can delete ${label}.`);
  }
  const owned = serverOwnedVerdict(rules, live, after, label);
  if (!owned.ok) return owned;
  const actor = actorOf(rules, user, live ?? after, options.standing);
  const verdict =
    live === undefined
      ? createVerdict(rules, actor, after, label)
      : updateVerdict(rules, actor, live, after, label);
  return verdict.ok ? invariantVerdict(rules, after, label) : verdict;
}

/**
 * The user as the checks see them: the relations they hold on `doc`
 * (and on `standing`, when given).
 */
export function actorOf(
  rules: CollectionRules,
  user: RuleUser,
  doc: WireDoc,
  standing?: WireDoc,
): StatusActor {
  const docs = standing === undefined ? [doc] : [doc, standing];
  return {
    user,
    admin: user.role === "admin",
    held: relationsHeld(rules, user, docs),
    describe: (names) => describeRelations(rules, names, doc),
  };
}

function invariantVerdict(
  rules: CollectionRules,
  doc: WireDoc,
  label: string,
): WriteVerdict {
  if (doc._deleted) return ALLOWED;
  const problems = rules.invariants(doc);
  if (problems.length === 0) return ALLOWED;
  return refuse(
    "BUSINESS_RULE",
    `${capitalized(label)}: ${problems.join(" ")}`,
  );
}

function serverOwnedVerdict(
  rules: CollectionRules,
  live: WireDoc | undefined,
  after: WireDoc,
  label: string,
): WriteVerdict {
  for (const field of rules.serverOwned) {
    const expected =
      live === undefined ? field.initial : getPath(live, field.path);
    if (canonical(getPath(after, field.path)) === canonical(expected)) {
      continue;
    }
    const keep =
      expected === undefined ? "leave it out" : `send ${canonical(expected)}`;
    return refuse(
      "FORBIDDEN",
      `Only the server sets ${field.path} of ${label}; ${keep}.`,
    );
  }
  return ALLOWED;
}

function createVerdict(
  rules: CollectionRules,
  actor: StatusActor,
  after: WireDoc,
  label: string,
): WriteVerdict {
  if (actor.admin) return ALLOWED;
  const rule = rules.create.find((r) => r.by.some((n) => actor.held.has(n)));
  if (rule === undefined) {
    const who = rules.create.flatMap((r) => r.by);
    return refuse(
      "FORBIDDEN",
      who.length === 0
        ? `Only an admin can create ${label}.`
        : `Only ${actor.describe(who)} can create ${label}.`,
    );
  }
  return rule.check?.(after, actor.user) ?? ALLOWED;
}

function updateVerdict(
  rules: CollectionRules,
  actor: StatusActor,
  before: WireDoc,
  after: WireDoc,
  label: string,
): WriteVerdict {
  const changed = changedPaths(before, after).filter(
    (path) => path !== CLOCK_FIELD && path !== "_deleted",
  );
  if (!actor.admin && actor.held.size === 0) {
    const message = notYours(rules, actor, before, after, changed, label);
    return refuse("FORBIDDEN", message);
  }
  for (const path of changed) {
    if (rules.immutable.some((p) => overlaps(p, path))) {
      return refuse(
        "IMMUTABLE_FIELD",
        `${path} of ${label} never changes once it is created.`,
      );
    }
    const lock = rules.locks.find(
      (l) => l.holds(before) && l.paths.some((p) => overlaps(p, path)),
    );
    if (lock !== undefined) {
      return refuse(
        "IMMUTABLE_FIELD",
        `${path} of ${label} cannot change ${lock.reason}.`,
      );
    }
  }
  let rest = changed;
  const machine = rules.status;
  if (machine !== undefined) {
    const verdict = statusVerdict(machine, actor, before, after, label);
    if (!verdict.ok) return verdict;
    rest = changed.filter(
      (p) => !covers(machine.field, p) && !covers(machine.history, p),
    );
  }
  for (const path of rest) {
    const verdict = fieldVerdict(rules, actor, before, after, path, label);
    if (!verdict.ok) return verdict;
  }
  return ALLOWED;
}

function fieldVerdict(
  rules: CollectionRules,
  actor: StatusActor,
  before: WireDoc,
  after: WireDoc,
  path: string,
  label: string,
): WriteVerdict {
  if (actor.admin) return ALLOWED;
  const rule = rules.fields.find((r) => r.paths.some((p) => covers(p, path)));
  if (rule === undefined) {
    return refuse("FORBIDDEN", `Only an admin can change ${path} of ${label}.`);
  }
  if (!rule.by.some((name) => actor.held.has(name))) {
    return refuse(
      "FORBIDDEN",
      `Only ${actor.describe(rule.by)} can change ${path} of ${label}.`,
    );
  }
  return rule.when?.({ user: actor.user, before, after }) ?? ALLOWED;
}

/** A "not yours" message naming who may do what was attempted. */
function notYours(
  rules: CollectionRules,
  actor: StatusActor,
  before: WireDoc,
  after: WireDoc,
  changed: readonly string[],
  label: string,
): string {
  const machine = rules.status;
  if (
    machine !== undefined &&
    !sameValue(getPath(before, machine.field), getPath(after, machine.field))
  ) {
    const edge = attemptedEdge(machine, before, after);
    if (edge !== undefined) {
      return `Only ${actor.describe(edge.by)} can ${edge.verb} ${label}.`;
    }
  }
  const [path] = changed;
  const rule =
    path === undefined
      ? undefined
      : rules.fields.find((r) => r.paths.some((p) => covers(p, path)));
  if (path !== undefined && rule !== undefined) {
    return `Only ${actor.describe(rule.by)} can change ${path} of ${label}.`;
  }
  const everyone = actor.describe(Object.keys(rules.relations));
  return `Only ${everyone} can change ${label}.`;
}
