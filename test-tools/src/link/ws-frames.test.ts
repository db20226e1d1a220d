import { describe, expect, test } from "vitest";
import {
  endsMessage,
  WsFrameReader,
  WsOpcode,
  type WsFrameHead,
} from "./ws-frames.ts";
import { joinBytes, wsFrame } from "./test-bytes.ts";

function read(stream: Uint8Array, splitEvery?: number): WsFrameHead[] {
  const frames: WsFrameHead[] = [];
  const reader = new WsFrameReader((f) => frames.push(f));
  const step = splitEvery ?? stream.length;
  for (let i = 0; i < stream.length; i += step) {
    reader.push(stream.subarray(i, i + step));
  }
  return frames;
}

describe("WsFrameReader", () => {
  const stream = joinBytes([
    wsFrame(WsOpcode.text, 5, { masked: true }),
    wsFrame(WsOpcode.binary, 300),
    wsFrame(WsOpcode.text, 70_000, { masked: true }),
    wsFrame(WsOpcode.ping, 0, { masked: true }),
    wsFrame(WsOpcode.text, 10, { fin: false }),
    wsFrame(WsOpcode.continuation, 10, { fin: false }),
    wsFrame(WsOpcode.pong, 4),
    wsFrame(WsOpcode.continuation, 1),
    wsFrame(WsOpcode.close, 2),
  ]);
  const expected = [
    [true, WsOpcode.text, 5],
    [true, WsOpcode.binary, 300],
    [true, WsOpcode.text, 70_000],
    [true, WsOpcode.ping, 0],
    [false, WsOpcode.text, 10],
    [false, WsOpcode.continuation, 10],
    [true, WsOpcode.pong, 4],
    [true, WsOpcode.continuation, 1],
    [true, WsOpcode.close, 2],
  ];

  test.each([undefined, 1, 2, 3, 7, 1000])(
    "reads every header and length, pushed in pieces of %s bytes",
    (splitEvery) => {
      const frames = read(stream, splitEvery);
      expect(frames.map((f) => [f.fin, f.opcode, f.payloadLength])).toEqual(
        expected,
      );
    },
  );

  test("a message ends at a final data frame, fragments count once", () => {
    const ends = read(stream).filter(endsMessage);
    expect(ends.map((f) => f.opcode)).toEqual([
      WsOpcode.text,
      WsOpcode.binary,
      WsOpcode.text,
      WsOpcode.continuation,
    ]);
  });

  test("a 64-bit length past 2^53 stops the reader", () => {
    const frame = new Uint8Array(10);
    frame[0] = 0x82;
    frame[1] = 127;
    new DataView(frame.buffer).setBigUint64(2, 2n ** 60n);
    const reader = new WsFrameReader(() => undefined);
    reader.push(frame);
    expect(reader.broken).toBe(true);
  });
});
