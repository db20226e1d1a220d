import { describe, expect, it } from "vitest";
import { ioOptions, resolveOptions } from "./options.ts";

describe("ioOptions", () => {
  it("compresses WebSocket messages and polls from the threshold up", () => {
    const io = ioOptions(resolveOptions({ compressionThreshold: 2048 }));
    expect(io.perMessageDeflate).toEqual({ threshold: 2048 });
    expect(io.httpCompression).toEqual({ threshold: 2048 });
  });

  it("turns compression off altogether when asked", () => {
    const io = ioOptions(resolveOptions({ compression: false }));
    expect(io.perMessageDeflate).toBe(false);
    expect(io.httpCompression).toBe(false);
  });
});
