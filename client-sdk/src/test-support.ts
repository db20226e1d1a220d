/**
 * Scripted links for tests of the connection loop and the transport:
 * each link connects, fails or answers as the test says, on the clock
 * the test controls, and records what it was asked to do.
 */
import type { Clock } from "./clock.ts";
import type { Failure } from "./connection-machine.ts";
import { SyncError } from "./errors.ts";
import type { Connector, Link, LinkHandlers, RequestName } from "./link.ts";

/** How a new link behaves, decided per attempt. */
export type LinkScript =
  | { readonly outcome: "connect"; readonly afterMs: number }
  | { readonly outcome: "fail"; readonly afterMs: number }
  | {
      readonly outcome: "refuse";
      readonly afterMs: number;
      readonly code: string;
    };

export interface SentRequest {
  readonly at: number;
  readonly link: number;
  readonly name: RequestName;
  readonly payload: unknown;
  answer(reply: unknown): void;
}

export type LinkRecord =
  | {
      readonly at: number;
      readonly link: number;
      readonly what: "open";
      readonly token: string;
    }
  | {
      readonly at: number;
      readonly link: number;
      readonly what: "probe" | "close";
    };

/**
 * Opens `FakeLink`s as `script(attempt, token)` says. Requests wait in
 * `requests` until the test answers them; `autoAnswer` answers at once.
 * With `handshakePulls` a connecting link asks for a handshake pull, as
 * the socket.io link does, and records it in `handshakes`; `autoAnswer`
 * answers it too, after `connected`, as the server does.
 */
export class FakeConnector implements Connector {
  readonly records: LinkRecord[] = [];
  readonly requests: SentRequest[] = [];
  readonly links: FakeLink[] = [];
  autoAnswer: ((name: RequestName, payload: unknown) => unknown) | null = null;
  handshakePulls = false;
  readonly handshakes: { readonly link: number; readonly pull: unknown }[] = [];

  constructor(
    readonly clock: Clock,
    public script: (attempt: number, token: string) => LinkScript,
  ) {}

  open(token: string, handlers: LinkHandlers): Link {
    const id = this.links.length + 1;
    this.records.push({ at: this.clock.now(), link: id, what: "open", token });
    const link = new FakeLink(this, id, handlers);
    this.links.push(link);
    const step = this.script(id, token);
    this.clock.setTimeout(() => link.settle(step), step.afterMs);
    return link;
  }

  /** The link opened last. */
  get current(): FakeLink | undefined {
    return this.links.at(-1);
  }
}

export class FakeLink implements Link {
  connected = false;
  closed = false;
  readonly #pending = new Set<(error: SyncError) => void>();

  constructor(
    readonly connector: FakeConnector,
    readonly id: number,
    readonly handlers: LinkHandlers,
  ) {}

  settle(step: LinkScript): void {
    if (this.closed) return;
    if (step.outcome === "connect") {
      const { connector } = this;
      const pull = connector.handshakePulls
        ? this.handlers.handshakePull()
        : undefined;
      if (connector.handshakePulls) {
        connector.handshakes.push({ link: this.id, pull });
      }
      this.connected = true;
      this.handlers.connected();
      const { autoAnswer } = connector;
      if (pull !== undefined && autoAnswer) {
        queueMicrotask(() => this.pulled(autoAnswer("pull", pull)));
      }
    } else if (step.outcome === "fail") {
      this.closed = true;
      this.handlers.connectFailed(
        { code: "CONNECT_FAILED", message: "refused" },
        false,
      );
    } else {
      this.closed = true;
      this.handlers.connectFailed({ code: step.code, message: "token" }, true);
    }
  }

  request(name: RequestName, payload: unknown): Promise<unknown> {
    const { connector } = this;
    return new Promise((resolve, reject) => {
      if (!this.connected || this.closed) {
        reject(new SyncError("LINK_LOST", "not connected"));
        return;
      }
      const fail = (error: SyncError): void => reject(error);
      this.#pending.add(fail);
      const answer = (reply: unknown): void => {
        if (!this.#pending.delete(fail)) return;
        this.handlers.traffic();
        resolve(reply);
      };
      const at = connector.clock.now();
      connector.requests.push({ at, link: this.id, name, payload, answer });
      if (connector.autoAnswer) {
        const reply = connector.autoAnswer(name, payload);
        queueMicrotask(() => answer(reply));
      }
    });
  }

  probe(): void {
    const at = this.connector.clock.now();
    this.connector.records.push({ at, link: this.id, what: "probe" });
  }

  close(): void {
    this.closed = true;
    this.connected = false;
    const at = this.connector.clock.now();
    this.connector.records.push({ at, link: this.id, what: "close" });
    this.#rejectAll(new SyncError("LINK_LOST", "closed"));
  }

  /** The server side drops the connection. */
  drop(failure: Failure = { code: "LINK_LOST", message: "dropped" }): void {
    this.closed = true;
    this.connected = false;
    this.#rejectAll(new SyncError("LINK_LOST", failure.message));
    this.handlers.disconnected(failure);
  }

  /** The server answers the handshake's pull. */
  pulled(reply: unknown): void {
    if (this.closed) return;
    this.handlers.traffic();
    this.handlers.pulled(reply);
  }

  /** Something arrives from the server (a ping, an event). */
  receive(): void {
    if (!this.closed) this.handlers.traffic();
  }

  #rejectAll(error: SyncError): void {
    for (const fail of [...this.#pending]) fail(error);
    this.#pending.clear();
  }
}

/** A `random` that returns the given values in turn, then repeats. */
export function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
}
