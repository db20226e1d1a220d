/**
 * Password hashes in the form `scrypt$<saltHex>$<hashHex>`, as
 * `UserRecord.passwordHash` stores them: scrypt from node:crypto with its
 * defaults (N = 16384, r = 8, p = 1), a random 16-byte salt and a 64-byte
 * key. Changing those parameters would invalidate every stored hash, since
 * the format does not record them.
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

const SALT_BYTES = 16;
const KEY_BYTES = 64;
const HEX = /^[0-9a-f]+$/;

function deriveKey(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  keyBytes: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, keyBytes, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/**
 * Hashes a password with a fresh random salt; two calls never give the
 * same string.
 *
 * @example
 * const passwordHash = await hashPassword("okada");
 * // "scrypt$6f1c…$9a0b…"
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, bytes(salt), KEY_BYTES);
  return `scrypt$${salt.toString("hex")}$${key.toString("hex")}`;
}

/**
 * True when `password` matches `hash`. A malformed hash is a mismatch,
 * never an exception, so a damaged user record cannot crash a login.
 * The comparison takes the same time wherever the keys differ.
 */
export async function verifyPassword(
  password: string,
  hash: string,
): Promise<boolean> {
  const parts = hash.split("$");
  if (parts.length !== 3 || parts[0] !== "scrypt") return false;
  const [, saltHex = "", keyHex = ""] = parts;
  if (!isHexBytes(saltHex, 8, 64) || !isHexBytes(keyHex, 16, 128)) {
    return false;
  }
  const expected = bytes(Buffer.from(keyHex, "hex"));
  const salt = bytes(Buffer.from(saltHex, "hex"));
  const actual = await deriveKey(password, salt, expected.length);
  return timingSafeEqual(bytes(actual), expected);
}

/**
 * A plain copy of a Buffer. With @types/node 20 and TypeScript 5.9 a
 * Buffer no longer type-checks where node:crypto wants an ArrayBufferView.
 */
function bytes(buffer: Buffer): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(buffer);
}

/** Even-length lowercase hex of `min` to `max` bytes. */
function isHexBytes(text: string, min: number, max: number): boolean {
  const bytes = text.length / 2;
  return (
    text.length % 2 === 0 && bytes >= min && bytes <= max && HEX.test(text)
  );
}
