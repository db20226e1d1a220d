import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { zeroCounters, type LinkCounters } from "./stats.ts";
import { ascii, wsFrame } from "./test-bytes.ts";
import { TrafficCounter } from "./traffic-counter.ts";
import { WsOpcode } from "./ws-frames.ts";

type Step = readonly ["up" | "down", Uint8Array];

/** Feeds a transcript in pieces of `pieceBytes`; returns the counters. */
function count(steps: readonly Step[], pieceBytes = Infinity): LinkCounters {
  const counters = zeroCounters();
  const counter = new TrafficCounter(() => counters);
  for (const [direction, bytes] of steps) {
    const step = Math.min(pieceBytes, bytes.length);
    for (let i = 0; i < bytes.length; i += step) {
      counter[direction](bytes.subarray(i, i + step));
    }
  }
  return counters;
}

const up = (text: string): Step => ["up", ascii(text)];
const down = (text: string): Step => ["down", ascii(text)];
const ok = (body: string) =>
  down(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
const upgrade = up(
  "GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n" +
    "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\r\n",
);
const switched = down(
  "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n" +
    "Upgrade: websocket\r\n\r\n",
);
const fakeRequest = "GET /not-a-request HTTP/1.1\r\n\r\n";

const transcripts: {
  name: string;
  steps: Step[];
  expected: Partial<LinkCounters>;
}[] = [
  {
    name: "keep-alive GET, HEAD and chunked answers",
    steps: [
      up("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"),
      ok(fakeRequest),
      up("HEAD /b HTTP/1.1\r\nHost: x\r\n\r\n"),
      down("HTTP/1.1 200 OK\r\nContent-Length: 999\r\n\r\n"),
      up("\r\nGET /c HTTP/1.1\r\nHost: x\r\n\r\n"),
      down(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" +
          `4\r\nabcd\r\n${fakeRequest.length.toString(16)}\r\n` +
          `${fakeRequest}\r\n0\r\n\r\n`,
      ),
    ],
    expected: { httpRequests: 3 },
  },
  {
    name: "bodies with Content-Length and chunked, trailers included",
    steps: [
      up(
        "POST /a HTTP/1.1\r\nContent-Length: " +
          `${fakeRequest.length}\r\n\r\n${fakeRequest}`,
      ),
      up(
        "POST /b HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n" +
          `${fakeRequest.length.toString(16)};ext=1\r\n${fakeRequest}\r\n` +
          "3\r\nabc\r\n0\r\nX-Trailer: GET / HTTP/1.1\r\n\r\n",
      ),
      up("DELETE /c HTTP/1.1\r\nContent-Length: 0\r\n\r\n"),
    ],
    expected: { httpRequests: 3 },
  },
  {
    name: "100 Continue before the final answer",
    steps: [
      up(
        "PUT /a HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n",
      ),
      down("HTTP/1.1 100 Continue\r\n\r\n"),
      up("abcd"),
      ok("done"),
      up("GET /b HTTP/1.1\r\n\r\n"),
    ],
    expected: { httpRequests: 2 },
  },
  {
    name: "a WebSocket after 101",
    steps: [
      upgrade,
      switched,
      ["up", wsFrame(WsOpcode.text, 20, { masked: true })],
      ["down", wsFrame(WsOpcode.text, 200)],
      ["up", wsFrame(WsOpcode.ping, 0, { masked: true })],
      ["down", wsFrame(WsOpcode.pong, 0)],
      ["up", wsFrame(WsOpcode.binary, 70_000, { masked: true })],
      ["down", wsFrame(WsOpcode.binary, 10, { fin: false })],
      ["down", wsFrame(WsOpcode.continuation, 10)],
      ["up", wsFrame(WsOpcode.close, 2, { masked: true })],
      ["down", wsFrame(WsOpcode.close, 2)],
    ],
    expected: {
      httpRequests: 1,
      wsMessagesUp: 2,
      wsMessagesDown: 2,
      wsControlFrames: 4,
    },
  },
  {
    name: "a WebSocket after keep-alive requests",
    steps: [
      up("GET /a HTTP/1.1\r\n\r\n"),
      down("HTTP/1.1 204 No Content\r\n\r\n"),
      upgrade,
      switched,
      ["up", wsFrame(WsOpcode.text, 3, { masked: true })],
    ],
    expected: { httpRequests: 2, wsMessagesUp: 1 },
  },
  {
    name: "a refused upgrade stays HTTP",
    steps: [
      upgrade,
      down("HTTP/1.1 400 Bad Request\r\nContent-Length: 3\r\n\r\nbad"),
      up("GET /next HTTP/1.1\r\n\r\n"),
    ],
    expected: { httpRequests: 2, wsMessagesUp: 0 },
  },
  {
    name: "bytes that are not HTTP are only counted as bytes",
    steps: [
      ["up", new Uint8Array(5000).fill(0x16)],
      ["down", new Uint8Array(3000).fill(0x17)],
      up("GET / HTTP/1.1\r\n\r\n"),
    ],
    expected: { httpRequests: 0, bytesUp: 5018, bytesDown: 3000 },
  },
];

describe("TrafficCounter", () => {
  for (const { name, steps, expected } of transcripts) {
    test.each([Infinity, 1, 3, 64])(`${name} (pieces of %s)`, (piece) => {
      const counters = count(steps, piece);
      expect(counters).toMatchObject(expected);
      const total = (d: string) =>
        steps.filter(([dir]) => dir === d).reduce((n, s) => n + s[1].length, 0);
      expect(counters.bytesUp).toBe(total("up"));
      expect(counters.bytesDown).toBe(total("down"));
    });
  }

  test("counts every request of any keep-alive stream, however split", () => {
    const request = fc.record({
      method: fc.constantFrom("GET", "POST", "PUT", "PATCH"),
      framing: fc.constantFrom("none", "length", "chunked"),
      chunks: fc.array(fc.string({ maxLength: 40 }), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(
        fc.array(request, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 50 }),
        (requests, piece) => {
          const text = requests.map(serialise).join("");
          const counters = count([up(text)], piece);
          expect(counters.httpRequests).toBe(requests.length);
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });
});

function serialise(r: {
  method: string;
  framing: string;
  chunks: string[];
}): string {
  // Bodies full of request lines: only framing may tell them apart.
  const chunks = r.chunks.map((c) => `${fakeRequest}${c}`);
  const head = `${r.method} /x HTTP/1.1\r\nHost: x\r\n`;
  if (r.framing === "none") return `${head}\r\n`;
  if (r.framing === "length") {
    const body = chunks.join("");
    return `${head}Content-Length: ${body.length}\r\n\r\n${body}`;
  }
  const body = chunks
    .filter((c) => c.length > 0)
    .map((c) => `${c.length.toString(16)}\r\n${c}\r\n`)
    .join("");
  return `${head}Transfer-Encoding: chunked\r\n\r\n${body}0\r\n\r\n`;
}
