/** Money, times and short references, in the current language. */
import { lang, t } from "./lang.ts";

const LOCALES = { fr: "fr-CM", en: "en-CM" } as const;

/** `4 500 FCFA`: XAF has no minor unit. */
export function money(xaf: number): string {
  return new Intl.NumberFormat(LOCALES[lang.get()], {
    style: "currency",
    currency: "XAF",
    maximumFractionDigits: 0,
  }).format(xaf);
}

export function clock(at: number | string): string {
  return new Date(at).toLocaleTimeString(LOCALES[lang.get()], {
    hour: "2-digit",
    minute: "2-digit",
  });
}

export function dateTime(at: number | string): string {
  return new Date(at).toLocaleString(LOCALES[lang.get()], {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** The time of day today, else the date and time. */
export function when(at: number | string, now = Date.now()): string {
  const day = (time: number | string) => new Date(time).toDateString();
  return day(at) === day(now) ? clock(at) : dateTime(at);
}

/** "just now", "5 min ago", or `when` beyond an hour. */
export function ago(at: number, now = Date.now()): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return t("time.now");
  if (minutes < 60) return t("time.minutes", { n: minutes });
  return when(at, now);
}

/** `#K3F9Q`: enough of an order ID to tell orders apart by eye. */
export function orderRef(id: string): string {
  return `#${id.slice(-5).toUpperCase()}`;
}
