/**
 * The settings of the reconciliation processes, with their defaults and
 * how the environment sets them.
 */
import { OkadaError } from "@okada/sync-rules";

export interface ReconcileSettings {
  /**
   * Assign the nearest free rider to ready orders that have none.
   * Default false; `AUTO_ASSIGN_RIDERS=on`.
   */
  autoAssign: boolean;
  /**
   * Minutes without a sign of life from a rider (location fix or
   * document update) and without any change to the order, after which
   * an order not yet picked up is taken off that rider. 0 turns the
   * sweep off. Default 15; `RIDER_UNREACHABLE_MINUTES`.
   */
  riderUnreachableMinutes: number;
  /** How often dispatch (sweep, auto-assignment) runs. Default 30 000. */
  dispatchIntervalMs: number;
  /**
   * A price rise on an order line is honoured (the customer pays what
   * they saw) when the extra cost of the line is at most this percent
   * of the line, or at most `priceToleranceXaf`. Default 5.
   */
  priceTolerancePercent: number;
  /** See `priceTolerancePercent`. Default 500. */
  priceToleranceXaf: number;
  /**
   * Store hours are local times at this offset from UTC. Default 60
   * (Cameroon, WAT, no daylight saving).
   */
  storeUtcOffsetMinutes: number;
}

export const DEFAULT_RECONCILE_SETTINGS: Readonly<ReconcileSettings> = {
  autoAssign: false,
  riderUnreachableMinutes: 15,
  dispatchIntervalMs: 30_000,
  priceTolerancePercent: 5,
  priceToleranceXaf: 500,
  storeUtcOffsetMinutes: 60,
};

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The settings from the environment, or undefined when `RECONCILE=off`
 * (no reconciliation process runs).
 *
 * @example
 * reconcileSettingsFromEnv({ AUTO_ASSIGN_RIDERS: "on" })?.autoAssign; // true
 */
export function reconcileSettingsFromEnv(
  env: Env,
): ReconcileSettings | undefined {
  if (flag(env, "RECONCILE", true) === false) return undefined;
  const settings: ReconcileSettings = { ...DEFAULT_RECONCILE_SETTINGS };
  settings.autoAssign = flag(env, "AUTO_ASSIGN_RIDERS", false);
  const minutes = env["RIDER_UNREACHABLE_MINUTES"];
  if (minutes !== undefined && minutes !== "") {
    const value = Number(minutes);
    if (!Number.isFinite(value) || value < 0) {
      throw new OkadaError(
        "BAD_REQUEST",
        "RIDER_UNREACHABLE_MINUTES must be a number of minutes, 0 or " +
          `more; got ${JSON.stringify(minutes)}.`,
      );
    }
    settings.riderUnreachableMinutes = value;
  }
  return settings;
}

const ON = ["on", "true", "1", "yes"];
const OFF = ["off", "false", "0", "no"];

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (ON.includes(raw)) return true;
  if (OFF.includes(raw)) return false;
  throw new OkadaError(
    "BAD_REQUEST",
    `${name} must be "on" or "off", not ${JSON.stringify(env[name])}.`,
  );
}
