/**
 * Test support only: a model of replication. Replicas (one per device)
 * edit a local copy of one document and push `{assumedMasterState,
 * newDocumentState}` to a server model that decides each row with
 * `reviewPush`, as the real server does. A replica adopts the master
 * after every push (the server's answer is final, see
 * `okadaConflictHandler`) and on pull only when it has nothing pending,
 * as RxDB does.
 */
import fc from "fast-check";
import type { CollectionName } from "../../collections.ts";
import type { WireDoc } from "../../protocol.ts";
import { sameState } from "../../protocol.ts";
import type { PushReview } from "../push-review.ts";
import type { RuleUser } from "../types.ts";
import { checkWrite, reviewPush } from "./api.ts";

export interface Actor {
  name: string;
  user: RuleUser;
  /** How far this device's clock is off, in minutes. */
  skew: number;
  /** Candidate next local states; the model keeps the authorized ones. */
  edits(local: WireDoc, now: string): WireDoc[];
  /**
   * Writes straight to the master, reading it first (the server's own
   * processes do this, retrying on a race, rather than merging).
   */
  direct?: boolean;
}

interface Replica {
  actor: Actor;
  base: WireDoc;
  local: WireDoc;
  minutes: number;
}

export interface PushRecord {
  actor: string;
  base: WireDoc;
  local: WireDoc;
  masterBefore: WireDoc;
  review: PushReview;
}

export interface Command {
  kind: "edit" | "push" | "pull";
  replica: number;
  choice: number;
  minutes: number;
}

export function commandArb(replicas: number): fc.Arbitrary<Command> {
  return fc.record({
    kind: fc.constantFrom("edit", "edit", "push", "pull"),
    replica: fc.nat({ max: replicas - 1 }),
    choice: fc.nat({ max: 1000 }),
    minutes: fc.integer({ min: 1, max: 5 }),
  });
}

/**
 * A command sequence. `size: "max"` matters: by default fast-check keeps
 * arrays to about ten elements, too few for several devices to race.
 */
export function commandsArb(
  replicas: number,
  maxLength: number,
): fc.Arbitrary<Command[]> {
  return fc.array(commandArb(replicas), { maxLength, size: "max" });
}

const EPOCH = Date.UTC(2026, 4, 1, 8, 0, 0);

export class SyncModel {
  master: WireDoc;
  readonly masters: WireDoc[];
  readonly pushes: PushRecord[] = [];
  private readonly replicas: Replica[];
  private tick = 0;

  constructor(
    readonly collection: CollectionName,
    initial: WireDoc,
    actors: readonly Actor[],
  ) {
    this.master = initial;
    this.masters = [initial];
    this.replicas = actors.map((actor) => ({
      actor,
      base: initial,
      local: initial,
      minutes: 0,
    }));
  }

  run(command: Command): void {
    const replica = this.replicas[command.replica % this.replicas.length];
    if (replica === undefined) return;
    if (command.kind === "edit") this.edit(replica, command);
    if (command.kind === "push") this.push(replica);
    if (command.kind === "pull") this.pull(replica);
  }

  /** Pushes everything pending, then pulls everywhere. */
  finish(): void {
    for (const replica of this.replicas) this.push(replica);
    for (const replica of this.replicas) this.pull(replica);
  }

  /** Sets a replica's local state directly (its base stays). */
  setLocal(index: number, doc: WireDoc): void {
    const replica = this.replicas[index];
    if (replica !== undefined) replica.local = doc;
  }

  locals(): WireDoc[] {
    return this.replicas.map((replica) => replica.local);
  }

  private edit(replica: Replica, command: Command): void {
    if (replica.actor.direct === true) {
      replica.base = this.master;
      replica.local = this.master;
    }
    replica.minutes += command.minutes;
    // A distinct millisecond per edit keeps two devices' writes apart.
    const ms =
      EPOCH + (replica.minutes + replica.actor.skew) * 60_000 + ++this.tick;
    const now = new Date(ms).toISOString();
    const { user } = replica.actor;
    const candidates = replica.actor
      .edits(replica.local, now)
      .filter((doc) => !sameState(doc, replica.local))
      .filter((doc) => checkWrite(user, this.collection, replica.base, doc).ok);
    const chosen = candidates[command.choice % Math.max(1, candidates.length)];
    if (chosen !== undefined) replica.local = chosen;
    if (replica.actor.direct === true) this.push(replica);
  }

  private push(replica: Replica): void {
    if (sameState(replica.local, replica.base)) return;
    const masterBefore = this.master;
    const review = reviewPush(
      replica.actor.user,
      this.collection,
      { assumedMasterState: replica.base, newDocumentState: replica.local },
      this.master,
    );
    this.pushes.push({
      actor: replica.actor.name,
      base: replica.base,
      local: replica.local,
      masterBefore,
      review,
    });
    if (review.ok && !sameState(review.doc, this.master)) {
      this.master = review.doc;
      this.masters.push(review.doc);
    }
    replica.base = this.master;
    replica.local = this.master;
  }

  private pull(replica: Replica): void {
    if (!sameState(replica.local, replica.base)) return;
    replica.base = this.master;
    replica.local = this.master;
  }
}

/** Every ordering of `items` (use on short lists only). */
export function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [
      item,
      ...rest,
    ]),
  );
}

/**
 * fast-check options. `FC_SEED` replays a failing run: fast-check prints
 * the seed and path of every failure.
 */
export function propertyOptions(numRuns: number): fc.Parameters<unknown> {
  const seed = fcSeed();
  return seed === undefined ? { numRuns } : { numRuns, seed };
}

export function fcSeed(): number | undefined {
  const raw = process.env["FC_SEED"];
  return raw === undefined || raw === "" ? undefined : Number(raw);
}
