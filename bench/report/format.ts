/** How figures read in the table and the chart. */

/** SI units, as link rates are: `672 B`, `83.4 kB`, `2.11 MB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return "—";
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  if (bytes < 1e6) return `${trim(bytes / 1e3)} kB`;
  return `${trim(bytes / 1e6)} MB`;
}

/** Three significant figures at most: 83.4, 2.11, 512. */
function trim(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return "—";
  return `${seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1)} s`;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  return `${ms < 10 ? ms.toFixed(1) : ms.toFixed(0)} ms`;
}

/** A ratio as a percentage: `3.4 %`, `25 %`, `119 %`; null is a dash. */
export function formatPercent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return "—";
  const percent = ratio * 100;
  return `${percent < 10 ? percent.toFixed(1) : percent.toFixed(0)} %`;
}

export function formatCount(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n)) : "—";
}

/** An axis label: `formatted` without trailing zeros (`1.00 kB` → `1 kB`). */
export function compactLabel(formatted: string): string {
  return formatted.replace(/\.(\d*?)0+(?=\s)/, (_, kept: string) =>
    kept === "" ? "" : `.${kept}`,
  );
}
