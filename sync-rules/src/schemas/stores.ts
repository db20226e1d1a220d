import type { CollectionSchema } from "./common.ts";
import { geoPoint, idField, text, timestampField } from "./common.ts";

export interface StoreDoc {
  id: string;
  name: string;
  city: string;
  address: string;
  location: { lat: number; lng: number };
  open: boolean;
  hours: { opens: string; closes: string };
  updatedAt: string;
}

const clock = { type: "string", pattern: "^([01]\\d|2[0-3]):[0-5]\\d$" };

export const storesSchema = {
  title: "stores",
  version: 0,
  primaryKey: "id",
  type: "object",
  properties: {
    id: idField,
    name: text(120),
    city: text(40),
    address: text(240),
    location: geoPoint,
    open: { type: "boolean" },
    hours: {
      type: "object",
      properties: { opens: clock, closes: clock },
      required: ["opens", "closes"],
      additionalProperties: false,
    },
    updatedAt: timestampField,
  },
  required: [
    "id",
    "name",
    "city",
    "address",
    "location",
    "open",
    "hours",
    "updatedAt",
  ],
  additionalProperties: false,
} as const satisfies CollectionSchema;
