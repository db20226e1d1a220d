/**
 * French and English, switchable at any time and remembered on the
 * device. French is the default: most of Okada's customers read it
 * first; a browser set to English starts in English.
 */
import { readLocal, writeLocal } from "../ui/local.ts";
import { createStore, useStore } from "../ui/store.ts";
import { en } from "./en.ts";
import { fr } from "./fr.ts";
import type { MessageKey, PluralKey } from "./messages.ts";

export type Lang = "fr" | "en";
export const LANGS: readonly Lang[] = ["fr", "en"];

const KEY = "okada.lang";
const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { en, fr };

function initialLang(): Lang {
  const saved = readLocal(KEY);
  if (saved === "fr" || saved === "en") return saved;
  return navigator.language.toLowerCase().startsWith("en") ? "en" : "fr";
}

export const lang = createStore<Lang>(initialLang());

function apply(value: Lang): void {
  document.documentElement.lang = value;
  writeLocal(KEY, value);
}
apply(lang.get());
lang.subscribe(apply);

export type Params = Readonly<Record<string, string | number>>;

/** The message in the current language, `{name}` replaced by params. */
export function t(key: MessageKey, params: Params = {}): string {
  const text = DICTIONARIES[lang.get()][key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * A counted message: `tn("sync.pending", 2)` uses `sync.pending.other`.
 * French counts 0 and 1 as singular, English only 1.
 */
export function tn(key: PluralKey, count: number, params: Params = {}): string {
  const one = lang.get() === "fr" ? count <= 1 : count === 1;
  const full = one ? (`${key}.one` as const) : (`${key}.other` as const);
  return t(full, { ...params, n: count });
}

/** Re-renders the component when the language changes. */
export function useLang(): Lang {
  return useStore(lang);
}
