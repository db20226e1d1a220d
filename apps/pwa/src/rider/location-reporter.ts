/**
 * Location reporting, batched for 2G. The GPS may report every second;
 * the rider document is written at most once per `flushMs`, and only
 * when the rider moved at least `minMoveM` or the last report is older
 * than `maxAgeMs`. Offline, the writes collapse in the outbox (a
 * document is pushed once, in its latest state), and the server keeps
 * the newest fix by `recordedAt`, so late fixes never win.
 *
 * Without permission or a GPS, the rider types the position in.
 */
import type { RiderLocation } from "@okada/sync-rules";
import { createStore } from "../ui/store.ts";

export type LocationMode = "waiting" | "gps" | "manual";

export interface ReporterOptions {
  /** Writes the fix to the local rider document; false if not there. */
  write: (fix: RiderLocation) => Promise<boolean>;
  /** @default 60_000 */
  flushMs?: number;
  /** @default 50 */
  minMoveM?: number;
  /** @default 300_000 */
  maxAgeMs?: number;
}

/** Metres between two points (haversine). */
export function distanceM(
  a: { lat: number; lng: number },
  b: { lat: number; lng: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

export class LocationReporter {
  readonly mode = createStore<LocationMode>("waiting");
  readonly lastSent = createStore<RiderLocation | null>(null);
  readonly #options: Required<ReporterOptions>;
  #latest: RiderLocation | null = null;
  #watch: number | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(options: ReporterOptions) {
    this.#options = {
      flushMs: 60_000,
      minMoveM: 50,
      maxAgeMs: 300_000,
      ...options,
    };
  }

  start(): void {
    const geo = "geolocation" in navigator ? navigator.geolocation : null;
    if (geo === null) {
      this.mode.set("manual");
      return;
    }
    this.#watch = geo.watchPosition(
      (position) => {
        this.mode.set("gps");
        const { latitude, longitude, accuracy } = position.coords;
        this.offer({
          lat: latitude,
          lng: longitude,
          accuracy: Math.min(Math.round(accuracy), 100_000),
          recordedAt: new Date(position.timestamp).toISOString(),
        });
      },
      () => this.mode.set("manual"),
      { enableHighAccuracy: false, maximumAge: 30_000, timeout: 30_000 },
    );
    this.#timer = setInterval(() => void this.flush(), this.#options.flushMs);
  }

  stop(): void {
    if (this.#watch !== null) navigator.geolocation.clearWatch(this.#watch);
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#watch = null;
    this.#timer = null;
  }

  /** A new fix; the first one is written at once. */
  offer(fix: RiderLocation): void {
    this.#latest = fix;
    if (this.lastSent.get() === null) void this.flush();
  }

  /** Writes the latest fix if it says something new. */
  async flush(): Promise<void> {
    const fix = this.#latest;
    if (fix === null) return;
    const sent = this.lastSent.get();
    const age =
      sent === null
        ? Infinity
        : Date.parse(fix.recordedAt) - Date.parse(sent.recordedAt);
    const moved = sent === null ? Infinity : distanceM(sent, fix);
    if (moved < this.#options.minMoveM && age < this.#options.maxAgeMs) return;
    await this.#send(fix);
  }

  /** A position the rider typed in; written at once. */
  async manual(lat: number, lng: number): Promise<void> {
    await this.#send({
      lat,
      lng,
      // A typed position is as good as the rider's sense of place.
      accuracy: 500,
      recordedAt: new Date().toISOString(),
    });
  }

  async #send(fix: RiderLocation): Promise<void> {
    if (await this.#options.write(fix)) this.lastSent.set(fix);
  }
}
