import { describe, expect, it } from "vitest";
import { closedBeforeAnswer } from "./tracked-fetch.ts";

const failed = (code: string) =>
  new TypeError("fetch failed", {
    cause: Object.assign(new Error(), { code }),
  });

describe("closedBeforeAnswer", () => {
  it.each(["UND_ERR_SOCKET", "ECONNRESET"])("sends again after %s", (code) => {
    expect(closedBeforeAnswer(failed(code))).toBe(true);
  });

  it.each(["ECONNREFUSED", "UND_ERR_HEADERS_TIMEOUT"])(
    "gives up after %s",
    (code) => {
      expect(closedBeforeAnswer(failed(code))).toBe(false);
    },
  );

  it("gives up on errors without a cause", () => {
    expect(closedBeforeAnswer(new Error("boom"))).toBe(false);
  });
});
