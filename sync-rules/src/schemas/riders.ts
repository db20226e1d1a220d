import type { CollectionSchema } from "./common.ts";
import { idField, text, timestampField } from "./common.ts";

export const RIDER_AVAILABILITY = ["offline", "available", "busy"] as const;
export type RiderAvailability = (typeof RIDER_AVAILABILITY)[number];

export interface RiderLocation {
  lat: number;
  lng: number;
  accuracy: number;
  recordedAt: string;
}

export interface RiderDoc {
  id: string;
  name: string;
  city: string;
  phone: string;
  availability: RiderAvailability;
  location?: RiderLocation;
  updatedAt: string;
}

export const ridersSchema = {
  title: "riders",
  version: 0,
  primaryKey: "id",
  type: "object",
  properties: {
    id: idField,
    name: text(120),
    city: text(40),
    phone: text(20),
    availability: { type: "string", enum: RIDER_AVAILABILITY },
    location: {
      type: "object",
      properties: {
        lat: { type: "number", minimum: -90, maximum: 90 },
        lng: { type: "number", minimum: -180, maximum: 180 },
        accuracy: { type: "number", minimum: 0, maximum: 100_000 },
        recordedAt: timestampField,
      },
      required: ["lat", "lng", "accuracy", "recordedAt"],
      additionalProperties: false,
    },
    updatedAt: timestampField,
  },
  required: ["id", "name", "city", "phone", "availability", "updatedAt"],
  additionalProperties: false,
} as const satisfies CollectionSchema;
