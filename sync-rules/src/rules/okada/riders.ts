/**
 * Okada's riders: admins manage who they are; a rider reports their own
 * availability and location.
 */
import type { RiderDoc, RiderLocation } from "../../schemas/riders.ts";
import type { Wire } from "../define.ts";
import { defineRules } from "../define.ts";
import { newest } from "../merge-strategies.ts";
import { scope } from "./relations.ts";

type Rider = Wire<RiderDoc>;

function recordedAt(location: unknown): unknown {
  return location !== null && typeof location === "object"
    ? (location as Partial<RiderLocation>).recordedAt
    : undefined;
}

export const ridersRules = defineRules<Rider>({
  collection: "riders",
  noun: "rider",
  // Staff of every store in the rider's city see the rider (`fleet:`),
  // so that they can assign them; customers do not.
  scopes: (rider) => [
    ...scope("rider", rider.id),
    ...scope("fleet", rider.city),
  ],
  relations: {
    self: {
      holds: (user, rider) =>
        user.role === "rider" && user.riderId === rider.id,
      describe: (rider) => `rider ${rider.id} themselves`,
    },
  },
  fields: [{ paths: ["availability", "location"], by: ["self"] }],
  immutable: ["id"],
  // Fixes arrive late and out of order; the latest fix is the truth.
  merge: [{ paths: ["location"], strategy: newest(recordedAt) }],
});
