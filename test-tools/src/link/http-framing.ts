/**
 * Finds the message boundaries of one direction of an HTTP/1.x byte
 * stream without keeping bodies: the reader holds at most one header block
 * or one chunk-size line, and skips body bytes by counting them.
 *
 * The caller decides from each head how its body is framed. `hold` stops
 * parsing after the head (an Upgrade request waiting for its answer): bytes
 * after it are kept until `release()` resumes HTTP or `takeHeld()` hands
 * them to another protocol. Bytes that cannot be HTTP/1.x switch the
 * reader to `opaque`, where it ignores everything.
 */
import {
  asciiBytes,
  concatBytes,
  EMPTY,
  indexOfBytes,
  latin1Text,
  startsWith,
} from "./bytes.ts";

export interface HttpHead {
  /** Request line or status line, e.g. `GET / HTTP/1.1`. */
  readonly startLine: string;
  /** Header names in lower case; repeated headers joined with ", ". */
  readonly headers: ReadonlyMap<string, string>;
}

export type BodyFraming =
  | { readonly kind: "none" }
  | { readonly kind: "length"; readonly length: number }
  | { readonly kind: "chunked" }
  | { readonly kind: "until-close" }
  | { readonly kind: "hold" }
  | { readonly kind: "opaque" };

type State =
  | { readonly kind: "head" }
  | { readonly kind: "body"; remaining: number }
  | { readonly kind: "chunk-size" }
  | { readonly kind: "chunk-data"; remaining: number }
  | { readonly kind: "trailers" }
  | { readonly kind: "until-close" }
  | { readonly kind: "hold" }
  | { readonly kind: "opaque" };

/** A header block larger than this is not something we parse. */
const MAX_HEAD_BYTES = 64 * 1024;
const CRLF = asciiBytes("\r\n");
const HEAD_END = asciiBytes("\r\n\r\n");

export class HttpFramingReader {
  readonly #onHead: (head: HttpHead) => BodyFraming;
  #state: State = { kind: "head" };
  /** Bytes of an unfinished head or line, or held bytes. */
  #buffer: Uint8Array = EMPTY;

  constructor(onHead: (head: HttpHead) => BodyFraming) {
    this.#onHead = onHead;
  }

  get state(): State["kind"] {
    return this.#state.kind;
  }

  push(data: Uint8Array): void {
    let rest = data;
    while (rest.length > 0) {
      rest = this.#step(rest);
    }
  }

  /** Resume HTTP after `hold`, parsing what was held. */
  release(): void {
    if (this.#state.kind !== "hold") return;
    const held = this.#buffer;
    this.#buffer = EMPTY;
    this.#state = { kind: "head" };
    this.push(held);
  }

  /** Leave HTTP after `hold`: returns what was held; ignores the rest. */
  takeHeld(): Uint8Array {
    const held = this.#state.kind === "hold" ? this.#buffer : EMPTY;
    this.#buffer = EMPTY;
    this.#state = { kind: "opaque" };
    return held;
  }

  /** Consumes some of `data` and returns what is left. */
  #step(data: Uint8Array): Uint8Array {
    const state = this.#state;
    switch (state.kind) {
      case "head":
        return this.#readHead(data);
      case "body":
      case "chunk-data": {
        const n = Math.min(state.remaining, data.length);
        state.remaining -= n;
        if (state.remaining === 0) {
          this.#state =
            state.kind === "body" ? { kind: "head" } : { kind: "chunk-size" };
        }
        return data.subarray(n);
      }
      case "chunk-size":
      case "trailers":
        return this.#readLine(data, state.kind);
      case "hold":
        this.#buffer = concatBytes(this.#buffer, data);
        return EMPTY;
      case "until-close":
      case "opaque":
        return EMPTY;
    }
  }

  #readHead(data: Uint8Array): Uint8Array {
    const joined = concatBytes(this.#buffer, data);
    // Tolerate the stray CRLFs some clients send between messages.
    let start = 0;
    while (startsWith(joined, CRLF, start)) start += 2;
    const end = indexOfBytes(joined, HEAD_END, start);
    if (end === -1) {
      this.#buffer = joined.subarray(start);
      if (this.#buffer.length > MAX_HEAD_BYTES) this.#becomeOpaque();
      return EMPTY;
    }
    this.#buffer = EMPTY;
    const head = parseHead(latin1Text(joined, start, end));
    this.#enterBody(this.#onHead(head));
    return joined.subarray(end + HEAD_END.length);
  }

  #enterBody(framing: BodyFraming): void {
    switch (framing.kind) {
      case "none":
        this.#state = { kind: "head" };
        return;
      case "length":
        this.#state =
          framing.length > 0
            ? { kind: "body", remaining: framing.length }
            : { kind: "head" };
        return;
      case "chunked":
        this.#state = { kind: "chunk-size" };
        return;
      case "until-close":
      case "hold":
      case "opaque":
        this.#state = { kind: framing.kind };
        return;
    }
  }

  /** A chunk-size line, or one trailer line. */
  #readLine(data: Uint8Array, kind: "chunk-size" | "trailers"): Uint8Array {
    const joined = concatBytes(this.#buffer, data);
    const end = indexOfBytes(joined, CRLF);
    if (end === -1) {
      this.#buffer = joined;
      if (joined.length > MAX_HEAD_BYTES) this.#becomeOpaque();
      return EMPTY;
    }
    this.#buffer = EMPTY;
    const line = latin1Text(joined, 0, end);
    if (kind === "trailers") {
      if (line === "") this.#state = { kind: "head" };
    } else {
      const size = Number.parseInt(line.split(";", 1)[0] ?? "", 16);
      if (Number.isNaN(size)) this.#becomeOpaque();
      else if (size === 0) this.#state = { kind: "trailers" };
      // The chunk's data is followed by its own CRLF.
      else this.#state = { kind: "chunk-data", remaining: size + 2 };
    }
    return joined.subarray(end + CRLF.length);
  }

  #becomeOpaque(): void {
    this.#buffer = EMPTY;
    this.#state = { kind: "opaque" };
  }
}

function parseHead(text: string): HttpHead {
  const lines = text.split("\r\n");
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const before = headers.get(name);
    headers.set(name, before === undefined ? value : `${before}, ${value}`);
  }
  return { startLine: lines[0] ?? "", headers };
}

/** True when the last transfer coding is `chunked` (RFC 9112 §6.3). */
export function isChunked(head: HttpHead): boolean {
  const codings = head.headers.get("transfer-encoding");
  if (codings === undefined) return false;
  const last = codings.split(",").pop()?.trim().toLowerCase();
  return last === "chunked";
}

/** The Content-Length, or undefined when absent or malformed. */
export function contentLength(head: HttpHead): number | undefined {
  const value = head.headers.get("content-length");
  if (value === undefined) return undefined;
  // Repeated identical values arrive joined: "12, 12".
  const first = value.split(",")[0]?.trim() ?? "";
  return /^\d+$/.test(first) ? Number(first) : undefined;
}

/** Whether a `Connection` or `Upgrade` style list holds a token. */
export function hasToken(
  head: HttpHead,
  header: string,
  token: string,
): boolean {
  const value = head.headers.get(header);
  if (value === undefined) return false;
  return value
    .split(",")
    .some((t) => t.trim().toLowerCase() === token.toLowerCase());
}
