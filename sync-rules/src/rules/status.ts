/**
 * Status changes. A write may move a status several steps at once (an
 * offline rider marks picked up, then delivered, and the client pushes
 * only the final state), so a change is checked as a path: the history
 * events it adds, in array order, must walk the edges from the old
 * status to the new one, one event per step, each recorded by the
 * writer and each an edge the writer may take.
 *
 *   pending ──accept──▶ accepted ──▶ preparing ──▶ ready ──▶ picked_up
 *      │                   │             │                    │    │
 *      ├─reject─▶ rejected └──cancel─────┴─▶ cancelled        ▼    ▼
 *      └─cancel─▶ cancelled                       delivered  failed
 */
import type { WireDoc } from "../protocol.ts";
import type { StatusEdge, StatusMachine } from "./define.ts";
import { canonical, getPath } from "./paths.ts";
import type { RuleUser, WriteVerdict } from "./types.ts";
import { ALLOWED, capitalized, refuse } from "./types.ts";

export interface StatusEvent {
  status: string;
  at: string;
  by: string;
}

/** Who is writing, as the status check needs to know it. */
export interface StatusActor {
  user: RuleUser;
  admin: boolean;
  /** Relations the user holds on the document. */
  held: ReadonlySet<string>;
  /** Describes relation names for messages. */
  describe(names: readonly string[]): string;
}

export function eventKey(event: StatusEvent): string {
  return canonical([event.status, event.at, event.by]);
}

export function historyOf(
  machine: StatusMachine,
  doc: WireDoc,
): readonly StatusEvent[] {
  const history = getPath(doc, machine.history);
  return Array.isArray(history) ? (history as StatusEvent[]) : [];
}

function statusOf(machine: StatusMachine, doc: WireDoc): string {
  return String(getPath(doc, machine.field));
}

export function findEdge(
  machine: StatusMachine,
  from: string,
  to: string,
): StatusEdge | undefined {
  return machine.edges.find((edge) => edge.from === from && edge.to === to);
}

function noEdge(
  machine: StatusMachine,
  from: string,
  to: string,
  label: string,
) {
  const next = machine.edges.filter((e) => e.from === from).map((e) => e.to);
  const message =
    next.length === 0
      ? `${capitalized(label)} is ${from}, a final status; it cannot ` +
        `become ${to}.`
      : `${capitalized(label)} cannot go from ${from} to ${to}; from ` +
        `${from} it can only become ${next.join(" or ")}.`;
  return refuse("INVALID_TRANSITION", message);
}

/**
 * May `actor` take the edge `from -> to`? A user with no relation to the
 * document is refused with FORBIDDEN (not theirs); one who has a relation
 * but not the edge's, with INVALID_TRANSITION.
 */
export function edgeVerdict(
  machine: StatusMachine,
  actor: StatusActor,
  from: string,
  to: string,
  label: string,
): WriteVerdict {
  const edge = findEdge(machine, from, to);
  if (edge === undefined) return noEdge(machine, from, to, label);
  if (actor.admin || edge.by.some((name) => actor.held.has(name))) {
    return ALLOWED;
  }
  return refuse(
    actor.held.size === 0 ? "FORBIDDEN" : "INVALID_TRANSITION",
    `Only ${actor.describe(edge.by)} can ${edge.verb} ${label}.`,
  );
}

/** The first edge a write attempts, for "not yours" messages. */
export function attemptedEdge(
  machine: StatusMachine,
  before: WireDoc,
  after: WireDoc,
): StatusEdge | undefined {
  const known = new Set(historyOf(machine, before).map(eventKey));
  const first = historyOf(machine, after).find((e) => !known.has(eventKey(e)));
  const to = first?.status ?? statusOf(machine, after);
  return findEdge(machine, statusOf(machine, before), to);
}

/** Checks the status and history parts of an update. */
export function statusVerdict(
  machine: StatusMachine,
  actor: StatusActor,
  before: WireDoc,
  after: WireDoc,
  label: string,
): WriteVerdict {
  const from = statusOf(machine, before);
  const to = statusOf(machine, after);
  const history = historyOf(machine, after);
  const kept = new Set(history.map(eventKey));
  const lost = historyOf(machine, before).find((e) => !kept.has(eventKey(e)));
  if (lost !== undefined) {
    return refuse(
      "IMMUTABLE_FIELD",
      `${machine.history} of ${label} only grows: keep the ${lost.status} ` +
        `event of ${lost.at}.`,
    );
  }
  const known = new Set(historyOf(machine, before).map(eventKey));
  const added = history.filter((e) => !known.has(eventKey(e)));
  if (added.length === 0) {
    if (from === to) return ALLOWED;
    return refuse(
      "BUSINESS_RULE",
      `Record the change of ${label}: add {status: "${to}", at, by: ` +
        `"${actor.user.id}"} to ${machine.history}.`,
    );
  }
  let at = from;
  for (const event of added) {
    const step = edgeVerdict(machine, actor, at, event.status, label);
    if (!step.ok) return step;
    if (event.by !== actor.user.id) {
      return refuse(
        "BUSINESS_RULE",
        `The ${event.status} event of ${label} must name you ` +
          `("${actor.user.id}") as "by", not "${event.by}".`,
      );
    }
    at = event.status;
  }
  if (at !== to) {
    return refuse(
      "BUSINESS_RULE",
      `${machine.history} of ${label} ends at ${at} but ${machine.field} ` +
        `is ${to}; record one event per step, ending at ${to}.`,
    );
  }
  return ALLOWED;
}
