import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password.ts";

describe("hashPassword", () => {
  it("writes scrypt$<16-byte salt>$<64-byte key> in hex", async () => {
    const hash = await hashPassword("okada");
    expect(hash).toMatch(/^scrypt\$[0-9a-f]{32}\$[0-9a-f]{128}$/);
  });

  it("salts every hash afresh", async () => {
    const [a, b] = await Promise.all([
      hashPassword("okada"),
      hashPassword("okada"),
    ]);
    expect(a).not.toBe(b);
  });
});

describe("verifyPassword", () => {
  it("accepts the right password and refuses wrong ones", async () => {
    const hash = await hashPassword("okada");
    expect(await verifyPassword("okada", hash)).toBe(true);
    for (const wrong of ["Okada", "okada ", "", "okadaa"]) {
      expect(await verifyPassword(wrong, hash)).toBe(false);
    }
  });

  it("treats composed and decomposed accents as the same password", async () => {
    const hash = await hashPassword("Yaound\u00e9");
    expect(await verifyPassword("Yaounde\u0301", hash)).toBe(true);
  });

  it("checks a hash made elsewhere with the same parameters", async () => {
    const { scryptSync } = await import("node:crypto");
    const salt = "00112233445566778899aabbccddeeff";
    const saltBytes = Uint8Array.from(Buffer.from(salt, "hex"));
    const key = scryptSync("okada", saltBytes, 64).toString("hex");
    const hash = `scrypt$${salt}$${key}`;
    expect(await verifyPassword("okada", hash)).toBe(true);
  });

  it.each([
    ["an empty string", ""],
    ["another algorithm", "bcrypt$00112233445566778899aabbccddeeff$00"],
    ["missing parts", "scrypt$00112233445566778899aabbccddeeff"],
    ["extra parts", "scrypt$aa$bb$cc"],
    ["non-hex salt", `scrypt$${"zz".repeat(16)}$${"00".repeat(64)}`],
    ["odd-length key", `scrypt$${"00".repeat(16)}$${"0".repeat(127)}`],
    ["a too-short key", `scrypt$${"00".repeat(16)}$${"00".repeat(8)}`],
    ["a too-long salt", `scrypt$${"00".repeat(65)}$${"00".repeat(64)}`],
  ])("refuses %s without throwing", async (_label, hash) => {
    expect(await verifyPassword("okada", hash)).toBe(false);
  });
});
