/**
 * How a collection's rules are written down. One definition per
 * collection covers reading (scopes), writing (relations, create rules,
 * field rules, immutability, locks, server-owned fields, a status
 * machine), validation (invariants) and merging (per-field strategies).
 * The engine in `write.ts`, `merge.ts` and `scopes.ts` interprets it;
 * see README.md for a walk-through.
 */
import type { CollectionName } from "../collections.ts";
import { OkadaError } from "../errors.ts";
import type { WireDoc } from "../protocol.ts";
import type { MergeStrategy } from "./merge-strategies.ts";
import { keepMaster, latest } from "./merge-strategies.ts";
import type { Refusal, RuleUser } from "./types.ts";

/** A collection's document type as it travels. */
export type Wire<T> = T & { _deleted: boolean };

/** Every collection carries the writer's recorded time here. */
export const CLOCK_FIELD = "updatedAt";

/**
 * A way a user can stand towards a document ("staff of the order's
 * store"). Rules grant operations to relations, not to roles, so that
 * "staff" never means "staff of any store".
 */
export interface Relation<D> {
  holds: (user: RuleUser, doc: D) => boolean;
  /** Who holds it, for messages: "staff of store st_dla_akwa". */
  describe: (doc: D) => string;
}

export interface CreateRule<D> {
  /** Relations (held on the new document) that may create it. */
  by: readonly string[];
  /** What a new document must look like; a refusal carries its code. */
  check?: (doc: D, user: RuleUser) => Refusal | undefined;
}

export interface Change<D> {
  user: RuleUser;
  before: D;
  after: D;
}

/** Who may change a group of fields, and under what condition. */
export interface FieldRule<D> {
  /** Paths covered; a rule on "payment" covers "payment.status". */
  paths: readonly string[];
  by: readonly string[];
  when?: (change: Change<D>) => Refusal | undefined;
}

/**
 * Fields frozen once the document reaches a state (an order's items once
 * accepted). Writes refuse to change them; merges keep the frozen side.
 */
export interface Lock<D> {
  paths: readonly string[];
  holds: (doc: D) => boolean;
  /** Ends "… cannot change": "once the order is accepted". */
  reason: string;
}

/** A field only the server writes; a new client document has `initial`. */
export interface ServerOwnedField {
  path: string;
  /** Value a client-created document must carry; absent: no value. */
  initial?: unknown;
}

export interface StatusEdge {
  from: string;
  to: string;
  /** Relations that may take this edge. */
  by: readonly string[];
  /** Completes "Only … can <verb> order X": "accept". */
  verb: string;
}

/**
 * A status field that moves along edges, with a history field recording
 * one event `{status, at, by}` per step.
 */
export interface StatusMachine {
  field: string;
  history: string;
  /** Merges keep the status of highest rank; every edge goes up. */
  rank: Readonly<Record<string, number>>;
  edges: readonly StatusEdge[];
}

export interface MergeUnit {
  /** Fields merged together, as one value. */
  paths: readonly string[];
  strategy: MergeStrategy;
}

/** What a rule author writes. Omitted lists are empty. */
export interface RulesDefinition<D> {
  collection: CollectionName;
  /** "order": used in messages ("order ord_1"). */
  noun: string;
  /** The read scopes a document belongs to. */
  scopes: (doc: D) => string[];
  relations: Readonly<Record<string, Relation<D>>>;
  /** Who may create; admin and server always may. Empty: admin only. */
  create?: readonly CreateRule<D>[];
  /** Who may change what; a field no rule covers is admin-only. */
  fields?: readonly FieldRule<D>[];
  /** Never change after creation (server excepted); merges keep master. */
  immutable?: readonly string[];
  locks?: readonly Lock<D>[];
  serverOwned?: readonly ServerOwnedField[];
  status?: StatusMachine;
  /** Business invariants; each problem is a sentence. */
  invariants?: (doc: D) => string[];
  /** Merge units; a top-level field in none is merged by `lww()`. */
  merge?: readonly MergeUnit[];
  /**
   * Checks that a client's assumed master could be an earlier state of
   * the real master; returns a problem when it cannot.
   */
  ancestry?: (base: D, master: D) => string | undefined;
}

/** A definition with defaults filled in, over untyped wire documents. */
export interface CollectionRules extends Required<
  Omit<RulesDefinition<WireDoc>, "status" | "ancestry">
> {
  status?: StatusMachine;
  ancestry?: (base: WireDoc, master: WireDoc) => string | undefined;
  /** Merge units with the engine's own (clock, server-owned, immutable). */
  units: readonly MergeUnit[];
}

/**
 * Checks and completes a definition. The engine hands rule functions
 * only schema-valid documents, which is what makes the cast from the
 * collection's own document type sound.
 */
export function defineRules<D extends { id: string; _deleted: boolean }>(
  definition: RulesDefinition<D>,
): CollectionRules {
  const rules = definition as unknown as RulesDefinition<WireDoc>;
  const declared = rules.merge ?? [];
  const fixed: MergeUnit[] = [
    { paths: [CLOCK_FIELD], strategy: latest() },
    ...(rules.immutable ?? []).map((path) => ({
      paths: [path],
      strategy: keepMaster(),
    })),
    ...(rules.serverOwned ?? []).map((field) => ({
      paths: [field.path],
      strategy: keepMaster(),
    })),
  ];
  const taken = new Set(fixed.flatMap((unit) => unit.paths));
  for (const unit of declared) {
    const clash = unit.paths.find((path) => taken.has(path));
    if (clash !== undefined) {
      throw new OkadaError(
        "INTERNAL",
        `${rules.collection}: ${clash} is merged by the engine ` +
          "(clock, immutable or server-owned); remove its merge unit.",
      );
    }
  }
  const complete: CollectionRules = {
    collection: rules.collection,
    noun: rules.noun,
    scopes: rules.scopes,
    relations: rules.relations,
    create: rules.create ?? [],
    fields: rules.fields ?? [],
    immutable: rules.immutable ?? [],
    locks: rules.locks ?? [],
    serverOwned: rules.serverOwned ?? [],
    invariants: rules.invariants ?? (() => []),
    merge: declared,
    units: [...declared, ...fixed],
  };
  if (rules.status !== undefined) complete.status = rules.status;
  if (rules.ancestry !== undefined) complete.ancestry = rules.ancestry;
  return complete;
}

/** "staff of store A or its assigned rider (r1)", for messages. */
export function describeRelations(
  rules: CollectionRules,
  names: readonly string[],
  doc: WireDoc,
): string {
  const phrases = names.map(
    (name) => rules.relations[name]?.describe(doc) ?? name,
  );
  return [...new Set(phrases)].join(" or ");
}

/** The names of the relations `user` holds on every one of `docs`. */
export function relationsHeld(
  rules: CollectionRules,
  user: RuleUser,
  docs: readonly WireDoc[],
): ReadonlySet<string> {
  const held = new Set<string>();
  for (const [name, relation] of Object.entries(rules.relations)) {
    if (docs.every((doc) => relation.holds(user, doc))) held.add(name);
  }
  return held;
}
