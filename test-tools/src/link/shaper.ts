/**
 * One direction of a narrow link, as a serialisation-delay model.
 *
 * A `Wire` is shared by every connection of a proxy, like the single radio
 * bearer of a phone: bytes leave in the order they were written (FIFO
 * across connections), one slice at a time, and a slice of N bytes holds
 * the wire for N * 8 / rate ms. When its last bit has left, it arrives
 * `latencyMs` later. Each connection writes through its own `Lane`, which
 * delivers the slices in order and then the end of the stream.
 *
 * The wire keeps a virtual clock (`#freeAt`), so a late timer does not add
 * up: the next slice starts when the previous one should have ended.
 * Changing the rate applies from the next slice on; changing the latency
 * applies to slices that leave from then on, never reordering a lane.
 * While the wire is down no new slice leaves and nothing is delivered: the
 * slice already on the wire and those in flight are held and delivered at
 * once when it is up again, and the rest then pays its way as usual.
 */

/** Default slice: one TCP segment's payload on a 1500-byte MTU. */
export const DEFAULT_SLICE_BYTES = 1460;

export interface WireOptions {
  /** Clock in ms; default `performance.now`. Tests pass a fake one. */
  readonly now?: () => number;
  /** Largest slice the wire sends at once. */
  readonly sliceBytes?: number;
}

/** Where a lane delivers: the socket on the far side of the link. */
export interface LaneSink {
  deliver(chunk: Uint8Array): void;
  /**
   * Every byte written has been delivered and the writer ended (`reset`
   * false: pass on a FIN) or failed (`reset` true: pass on an RST).
   */
  finish(reset: boolean): void;
}

interface Pending {
  readonly lane: Lane;
  chunk: Uint8Array;
}

export class Wire {
  readonly now: () => number;
  readonly #sliceBytes: number;
  #rateKbps = Infinity;
  #latencyMs = 0;
  #down = false;
  #freeAt = -Infinity;
  #timer: NodeJS.Timeout | undefined;
  readonly #fifo: Pending[] = [];
  readonly #lanes = new Set<Lane>();

  constructor(options: WireOptions = {}) {
    this.now = options.now ?? (() => performance.now());
    this.#sliceBytes = options.sliceBytes ?? DEFAULT_SLICE_BYTES;
  }

  get isDown(): boolean {
    return this.#down;
  }

  /** `Infinity` kbit/s for an unlimited rate. */
  configure(rateKbps: number, latencyMs: number): void {
    this.#rateKbps = rateKbps;
    this.#latencyMs = latencyMs;
    this.#pump();
  }

  /** Down: hold everything. Up: deliver what is due, then go on. */
  setDown(down: boolean): void {
    this.#down = down;
    if (down) return;
    for (const lane of this.#lanes) lane.flush();
    this.#pump();
  }

  lane(sink: LaneSink): Lane {
    const lane = new Lane(this, sink);
    this.#lanes.add(lane);
    return lane;
  }

  /** Stops timers and forgets every lane. */
  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const lane of [...this.#lanes]) lane.close();
    this.#fifo.length = 0;
  }

  /** @internal Called by `Lane.write`. */
  submit(lane: Lane, chunk: Uint8Array): void {
    this.#fifo.push({ lane, chunk });
    this.#pump();
  }

  /** @internal Called by `Lane.close`. */
  forget(lane: Lane): void {
    this.#lanes.delete(lane);
  }

  #pump(): void {
    if (this.#timer !== undefined || this.#down) return;
    while (this.#fifo.length > 0) {
      const now = this.now();
      const slice = this.#takeSlice();
      if (slice === undefined) continue;
      const [lane, chunk] = slice;
      if (this.#rateKbps === Infinity) {
        lane.arrive(chunk, now + this.#latencyMs);
        continue;
      }
      const start = Math.max(now, this.#freeAt);
      const end = start + (chunk.length * 8) / this.#rateKbps;
      this.#freeAt = end;
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        lane.arrive(chunk, end + this.#latencyMs);
        this.#pump();
      }, end - now);
      return;
    }
  }

  /** The next slice of the oldest write, skipping closed lanes. */
  #takeSlice(): [Lane, Uint8Array] | undefined {
    const head = this.#fifo[0];
    if (head === undefined) return undefined;
    if (head.lane.closed) {
      this.#fifo.shift();
      return undefined;
    }
    const size =
      this.#rateKbps === Infinity ? head.chunk.length : this.#sliceBytes;
    if (head.chunk.length <= size) {
      this.#fifo.shift();
      return [head.lane, head.chunk];
    }
    const slice = head.chunk.subarray(0, size);
    head.chunk = head.chunk.subarray(size);
    return [head.lane, slice];
  }
}

/** One connection's bytes in one direction of a `Wire`. */
export class Lane {
  closed = false;
  readonly #wire: Wire;
  readonly #sink: LaneSink;
  #queuedBytes = 0;
  readonly #arrived: { at: number; chunk: Uint8Array }[] = [];
  #lastAt = -Infinity;
  #timer: NodeJS.Timeout | undefined;
  #ending = false;
  #reset = false;
  #finished: "end" | "reset" | undefined;

  constructor(wire: Wire, sink: LaneSink) {
    this.#wire = wire;
    this.#sink = sink;
  }

  /** Bytes written and not yet delivered: the writer's backlog. */
  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  write(chunk: Uint8Array): void {
    if (this.closed || this.#ending || chunk.length === 0) return;
    this.#queuedBytes += chunk.length;
    this.#wire.submit(this, chunk);
  }

  /**
   * Finish after every byte written so far has been delivered; `reset`
   * finishes with an RST instead of a FIN, even after a FIN went out.
   */
  end(reset = false): void {
    if (this.closed) return;
    this.#ending = true;
    this.#reset ||= reset;
    this.flush();
  }

  /** Drops everything not yet delivered; the lane is dead. */
  close(): void {
    this.closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#arrived.length = 0;
    this.#queuedBytes = 0;
    this.#wire.forget(this);
  }

  /** @internal The wire hands over a slice that reaches the far end at `at`. */
  arrive(chunk: Uint8Array, at: number): void {
    if (this.closed) return;
    this.#lastAt = Math.max(at, this.#lastAt);
    this.#arrived.push({ at: this.#lastAt, chunk });
    this.flush();
  }

  /** @internal Delivers what is due, then waits for the next arrival. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.closed || this.#wire.isDown) return;
    const now = this.#wire.now();
    let next = this.#arrived[0];
    while (next !== undefined && next.at <= now) {
      this.#arrived.shift();
      this.#queuedBytes -= next.chunk.length;
      this.#sink.deliver(next.chunk);
      if (this.closed) return;
      next = this.#arrived[0];
    }
    if (next !== undefined) {
      this.#timer = setTimeout(() => this.flush(), next.at - now);
    } else {
      this.#finishIfDone();
    }
  }

  #finishIfDone(): void {
    if (!this.#ending || this.#queuedBytes > 0) return;
    const how = this.#reset ? "reset" : "end";
    if (this.#finished === how || this.#finished === "reset") return;
    this.#finished = how;
    this.#sink.finish(how === "reset");
  }
}
