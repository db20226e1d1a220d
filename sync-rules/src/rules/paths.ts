/**
 * Dotted field paths ("payment.status") and value comparison. Rules name
 * fields by path so that one rule can cover a nested field without
 * covering its siblings.
 */

type Fields = Record<string, unknown>;

function isPlainObject(value: unknown): value is Fields {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function getPath(doc: Readonly<Fields>, path: string): unknown {
  let at: unknown = doc;
  for (const key of path.split(".")) {
    if (!isPlainObject(at)) return undefined;
    at = at[key];
  }
  return at;
}

/** Sets a path in place; `undefined` removes the field. */
export function setPath(doc: Fields, path: string, value: unknown): void {
  const keys = path.split(".");
  const last = keys.pop() ?? path;
  let at = doc;
  for (const key of keys) {
    const next = at[key];
    if (!isPlainObject(next)) {
      if (value === undefined) return;
      at[key] = {};
    }
    at = at[key] as Fields;
  }
  if (value === undefined) delete at[last];
  else at[last] = value;
}

/**
 * JSON with object keys sorted and `undefined` fields dropped, so equal
 * values always print the same. Merge tie-breaks compare these strings.
 */
export function canonical(value: unknown): string {
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isPlainObject(value)) {
    const entries = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/**
 * The paths whose values differ. Plain objects are compared field by
 * field so that a change to `payment.status` does not read as a change to
 * `payment.method`; arrays are compared whole.
 */
export function changedPaths(
  before: Readonly<Fields>,
  after: Readonly<Fields>,
  prefix = "",
): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changed: string[] = [];
  for (const key of [...keys].sort()) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    const a = before[key];
    const b = after[key];
    if (isPlainObject(a) && isPlainObject(b)) {
      changed.push(...changedPaths(a, b, path));
    } else if (!sameValue(a, b)) {
      changed.push(path);
    }
  }
  return changed;
}

/** True when `path` is `rulePath` or lies inside it. */
export function covers(rulePath: string, path: string): boolean {
  return path === rulePath || path.startsWith(`${rulePath}.`);
}

/** True when one path lies inside the other. */
export function overlaps(a: string, b: string): boolean {
  return covers(a, b) || covers(b, a);
}
