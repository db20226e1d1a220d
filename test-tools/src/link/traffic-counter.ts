/**
 * Counts the requests and messages of one proxied connection from its two
 * byte streams. It starts as HTTP/1.x in both directions; a `101` answer to
 * a WebSocket Upgrade request switches both directions to WebSocket frames.
 * Anything else it cannot read (TLS, HTTP/2, a tunnel) is counted in bytes
 * only.
 */
import {
  contentLength,
  hasToken,
  HttpFramingReader,
  isChunked,
  type BodyFraming,
  type HttpHead,
} from "./http-framing.ts";
import type { LinkCounters } from "./stats.ts";
import {
  endsMessage,
  isControl,
  WsFrameReader,
  type WsFrameHead,
} from "./ws-frames.ts";

const REQUEST_LINE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+ \S+ HTTP\/1\.\d$/;
const STATUS_LINE = /^HTTP\/1\.\d (\d{3})(?: |$)/;

interface SentRequest {
  readonly method: string;
  readonly upgrade: "websocket" | "other" | undefined;
}

export class TrafficCounter {
  readonly #counters: () => LinkCounters;
  readonly #requests: HttpFramingReader;
  readonly #responses: HttpFramingReader;
  /** Requests whose final response has not been read yet. */
  readonly #unanswered: SentRequest[] = [];
  #wsUp: WsFrameReader | undefined;
  #wsDown: WsFrameReader | undefined;

  /** `counters` is read on every count, so the proxy can reset it. */
  constructor(counters: () => LinkCounters) {
    this.#counters = counters;
    this.#requests = new HttpFramingReader((h) => this.#onRequest(h));
    this.#responses = new HttpFramingReader((h) => this.#onResponse(h));
  }

  /** Bytes read from the client. */
  up(data: Uint8Array): void {
    this.#counters().bytesUp += data.length;
    if (this.#wsUp) this.#wsUp.push(data);
    else this.#requests.push(data);
  }

  /** Bytes read from the server. */
  down(data: Uint8Array): void {
    this.#counters().bytesDown += data.length;
    if (this.#wsDown) {
      this.#wsDown.push(data);
      return;
    }
    this.#responses.push(data);
    if (this.#responses.state === "hold") this.#switchToWebSocket();
  }

  #onRequest(head: HttpHead): BodyFraming {
    const method = head.startLine.split(" ", 1)[0] ?? "";
    if (!REQUEST_LINE.test(head.startLine)) return { kind: "opaque" };
    this.#counters().httpRequests += 1;
    const upgrade = hasToken(head, "connection", "upgrade")
      ? hasToken(head, "upgrade", "websocket")
        ? "websocket"
        : "other"
      : undefined;
    this.#unanswered.push({ method, upgrade });
    // Nothing after an Upgrade request is HTTP until its answer says so.
    if (upgrade !== undefined) return { kind: "hold" };
    if (isChunked(head)) return { kind: "chunked" };
    return { kind: "length", length: contentLength(head) ?? 0 };
  }

  #onResponse(head: HttpHead): BodyFraming {
    const status = Number(STATUS_LINE.exec(head.startLine)?.[1] ?? NaN);
    if (Number.isNaN(status)) return this.#giveUp();
    if (status === 101) {
      const request = this.#unanswered.shift();
      return request?.upgrade === "websocket"
        ? { kind: "hold" }
        : this.#giveUp();
    }
    // 100 Continue and 103 Early Hints come before the real answer.
    if (status < 200) return { kind: "none" };
    const request = this.#unanswered.shift();
    if (request?.upgrade !== undefined) this.#requests.release();
    if (request?.method === "HEAD" || status === 204 || status === 304) {
      return { kind: "none" };
    }
    if (isChunked(head)) return { kind: "chunked" };
    const length = contentLength(head);
    return length === undefined
      ? { kind: "until-close" }
      : { kind: "length", length };
  }

  #switchToWebSocket(): void {
    this.#wsUp = new WsFrameReader((f) => this.#onFrame(f, "up"));
    this.#wsDown = new WsFrameReader((f) => this.#onFrame(f, "down"));
    this.#wsUp.push(this.#requests.takeHeld());
    this.#wsDown.push(this.#responses.takeHeld());
  }

  #onFrame(frame: WsFrameHead, direction: "up" | "down"): void {
    const counters = this.#counters();
    if (isControl(frame.opcode)) counters.wsControlFrames += 1;
    else if (!endsMessage(frame)) return;
    else if (direction === "up") counters.wsMessagesUp += 1;
    else counters.wsMessagesDown += 1;
  }

  /** Stop reading both directions: only bytes are counted from here. */
  #giveUp(): BodyFraming {
    this.#requests.takeHeld();
    return { kind: "opaque" };
  }
}
