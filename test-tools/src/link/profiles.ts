/**
 * Link profiles: the narrow networks from ARCHITECTURE.md ("Networks to
 * design for"), named so tests and benchmarks can say `"regular2g"`.
 */

/**
 * How one emulated link behaves. Every field is optional, so a fault test
 * can ask for latency alone: `{ rttMs: 2_000 }`.
 */
export interface LinkProfile {
  /** Server → client rate in kbit/s (1 kbit = 1,000 bits). Default unlimited. */
  readonly downKbps?: number;
  /** Client → server rate in kbit/s. Default unlimited. */
  readonly upKbps?: number;
  /**
   * Round trip in ms. Each direction adds half of it to every byte, and a
   * new connection waits one full round trip (the TCP handshake) before its
   * first byte leaves the client. Default 0.
   */
  readonly rttMs?: number;
}

export type LinkProfileName = "gprs" | "regular2g" | "edge" | "good2g";

/** The profiles of ARCHITECTURE.md, with their sources. */
export const LINK_PROFILES = {
  /** Firefox DevTools preset. */
  gprs: { downKbps: 50, upKbps: 20, rttMs: 500 },
  /** Firefox DevTools preset; the benchmark's reference link. */
  regular2g: { downKbps: 250, upKbps: 50, rttMs: 300 },
  /** WebPageTest connectivity profile. */
  edge: { downKbps: 240, upKbps: 200, rttMs: 840 },
  /** Firefox DevTools preset. */
  good2g: { downKbps: 450, upKbps: 150, rttMs: 150 },
} as const satisfies Record<LinkProfileName, LinkProfile>;

/** A profile, a profile's name, or `null` for an unshaped passthrough. */
export type LinkProfileInput = LinkProfile | LinkProfileName | null;

/** Rates and delays in the form the shaper uses. */
export interface ResolvedProfile {
  readonly downKbps: number;
  readonly upKbps: number;
  readonly rttMs: number;
}

export const PASSTHROUGH: ResolvedProfile = {
  downKbps: Infinity,
  upKbps: Infinity,
  rttMs: 0,
};

export function resolveProfile(input: LinkProfileInput): ResolvedProfile {
  if (input === null) return PASSTHROUGH;
  const profile: LinkProfile =
    typeof input === "string" ? LINK_PROFILES[input] : input;
  return {
    downKbps: checkRate(profile.downKbps, "downKbps"),
    upKbps: checkRate(profile.upKbps, "upKbps"),
    rttMs: checkDelay(profile.rttMs ?? 0),
  };
}

function checkRate(kbps: number | undefined, field: string): number {
  if (kbps === undefined) return Infinity;
  if (!(kbps > 0)) {
    throw new RangeError(
      `LinkProfile.${field} must be a positive kbit/s rate or left out ` +
        `for an unlimited link; got ${kbps}`,
    );
  }
  return kbps;
}

function checkDelay(rttMs: number): number {
  if (!(rttMs >= 0) || !Number.isFinite(rttMs)) {
    throw new RangeError(
      `LinkProfile.rttMs must be a finite number of ms >= 0; got ${rttMs}`,
    );
  }
  return rttMs;
}
