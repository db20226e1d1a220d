/**
 * Comparing the clients' recorded times. The schema allows zero to six
 * fraction digits, so plain string comparison would order
 * "…:00Z" after "…:00.500Z"; padding the fraction fixes that without
 * parsing (and without `Date`'s millisecond limit).
 */

const ISO_UTC = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z$/;

/** A key that sorts like the instant it names. */
export function timeKey(iso: string): string {
  const match = ISO_UTC.exec(iso);
  if (match === null) return iso;
  return `${match[1] ?? ""}.${(match[2] ?? "").padEnd(6, "0")}Z`;
}

/** Negative when `a` is earlier, positive when later, 0 for one instant. */
export function compareTimes(a: string, b: string): number {
  const ka = timeKey(a);
  const kb = timeKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
