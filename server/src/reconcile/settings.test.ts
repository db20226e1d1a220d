import { describe, expect, it } from "vitest";
import { configFromEnv } from "../config.ts";
import {
  DEFAULT_RECONCILE_SETTINGS,
  reconcileSettingsFromEnv,
} from "./settings.ts";

describe("reconciliation settings from the environment", () => {
  it.each([
    { env: {}, expect: DEFAULT_RECONCILE_SETTINGS },
    { env: { RECONCILE: "off" }, expect: undefined },
    {
      env: { AUTO_ASSIGN_RIDERS: "on", RIDER_UNREACHABLE_MINUTES: "5" },
      expect: {
        ...DEFAULT_RECONCILE_SETTINGS,
        autoAssign: true,
        riderUnreachableMinutes: 5,
      },
    },
    {
      env: { RIDER_UNREACHABLE_MINUTES: "0" },
      expect: { ...DEFAULT_RECONCILE_SETTINGS, riderUnreachableMinutes: 0 },
    },
  ])("$env", (row) => {
    expect(reconcileSettingsFromEnv(row.env)).toEqual(row.expect);
  });

  it.each([
    { RECONCILE: "maybe" },
    { AUTO_ASSIGN_RIDERS: "sometimes" },
    { RIDER_UNREACHABLE_MINUTES: "-1" },
    { RIDER_UNREACHABLE_MINUTES: "soon" },
  ])("refuses %j with BAD_REQUEST", (env) => {
    expect(() => reconcileSettingsFromEnv(env)).toThrow(
      expect.objectContaining({ code: "BAD_REQUEST" }) as Error,
    );
  });

  it("is on in a server configured from the environment", () => {
    expect(configFromEnv({}).reconcile).toEqual(DEFAULT_RECONCILE_SETTINGS);
    expect(configFromEnv({ RECONCILE: "off" })).not.toHaveProperty("reconcile");
  });
});
