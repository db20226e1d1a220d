/**
 * Test support only: authorization matrices. Each row gives one expected
 * outcome per demo user, in the order of `MATRIX_USERS`:
 * "ok" or an abbreviated refusal code.
 */
import type { ErrorCode } from "../../errors.ts";
import type { UserName } from "../test-support.ts";

export const MATRIX_USERS = [
  "customer",
  "otherCustomer",
  "staff",
  "otherStaff",
  "rider",
  "otherRider",
  "admin",
  "server",
] as const satisfies readonly UserName[];

export type Outcome = "ok" | "F" | "IT" | "IF" | "BR" | "SV";
export type Expected = readonly [
  Outcome,
  Outcome,
  Outcome,
  Outcome,
  Outcome,
  Outcome,
  Outcome,
  Outcome,
];

const CODES: Record<Exclude<Outcome, "ok">, ErrorCode> = {
  F: "FORBIDDEN",
  IT: "INVALID_TRANSITION",
  IF: "IMMUTABLE_FIELD",
  BR: "BUSINESS_RULE",
  SV: "SCHEMA_VIOLATION",
};

export function codeOf(outcome: Outcome): ErrorCode | "ok" {
  return outcome === "ok" ? "ok" : CODES[outcome];
}

/** One test case per (row, user), named "<row> as <user>". */
export function cases<R extends { name: string; expected: Expected }>(
  rows: readonly R[],
): [string, R, UserName, ErrorCode | "ok"][] {
  return rows.flatMap((row) =>
    MATRIX_USERS.map((user, i): [string, R, UserName, ErrorCode | "ok"] => [
      `${row.name} as ${user}`,
      row,
      user,
      codeOf(row.expected[i] ?? "ok"),
    ]),
  );
}
