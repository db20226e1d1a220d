import type { en } from "./en.ts";

/** Every message has an English text; `fr.ts` must give each one too. */
export type MessageKey = keyof typeof en;

/** Keys that come in `.one` and `.other` forms, without the suffix. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.one` ? Base : never;
}[MessageKey];
