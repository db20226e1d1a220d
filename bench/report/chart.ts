/**
 * The chart of `bench/results/latest.svg`, written by hand: two panels
 * (bytes up plus down, and seconds), a group of bars per scenario and a
 * bar per approach, on a log scale because a cold catalog and a
 * three-order push differ by orders of magnitude.
 */
import { APPROACHES, type ApproachName } from "../clients/types.ts";
import { SYNC_SCENARIO_NAMES } from "../scenarios/types.ts";
import { compactLabel, formatBytes, formatSeconds } from "./format.ts";
import type { BenchReport, SyncMetrics } from "./model.ts";
import { APPROACH_TITLES, profileLine } from "./table.ts";

const COLORS: Record<ApproachName, string> = {
  sdk: "#2a7ab9",
  graphql: "#e08a1e",
  pouchdb: "#8a8a8a",
};

const WIDTH = 880;
const PANEL_HEIGHT = 260;
const MARGIN = { left: 70, right: 20, top: 40, bottom: 40 };

/** A bar's value, or the word shown where the bar would be. */
type Cell = number | string;

interface Panel {
  title: string;
  groups: { label: string; cells: Record<ApproachName, Cell> }[];
  format: (n: number) => string;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Powers of ten from below the smallest value to above the largest. */
export function logRange(values: readonly number[]): [number, number] {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0) return [0, 1];
  const low = Math.floor(Math.log10(Math.min(...positive)));
  const high = Math.ceil(Math.log10(Math.max(...positive)));
  return [low, high === low ? low + 1 : high];
}

function text(x: number, y: number, body: string, attrs = ""): string {
  const at = `x="${x.toFixed(1)}" y="${y.toFixed(1)}"`;
  return `<text ${at} ${attrs}>${escapeXml(body)}</text>`;
}

function renderPanel(panel: Panel, top: number): string {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const y0 = top + MARGIN.top;
  const numbers = panel.groups.flatMap((g) =>
    APPROACHES.map((a) => g.cells[a]).filter((c) => typeof c === "number"),
  );
  const [low, high] = logRange(numbers);
  const yOf = (v: number) =>
    y0 + plotH - ((Math.log10(v) - low) / (high - low)) * plotH;
  const out: string[] = [
    text(MARGIN.left, top + 22, panel.title, 'font-weight="bold"'),
  ];
  for (let p = low; p <= high; p++) {
    const y = yOf(10 ** p);
    out.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" ` +
        `y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#ddd"/>`,
      text(
        MARGIN.left - 6,
        y + 4,
        compactLabel(panel.format(10 ** p)),
        'text-anchor="end"',
      ),
    );
  }
  const groupW = plotW / Math.max(1, panel.groups.length);
  const barW = Math.min(48, (groupW * 0.8) / APPROACHES.length);
  panel.groups.forEach((group, g) => {
    const left = MARGIN.left + g * groupW + (groupW - barW * 3) / 2;
    out.push(
      text(
        left + barW * 1.5,
        y0 + plotH + 20,
        group.label,
        'text-anchor="middle"',
      ),
    );
    APPROACHES.forEach((a, i) => {
      const cell = group.cells[a];
      const x = left + i * barW;
      const mid = x + barW / 2;
      if (typeof cell === "string") {
        out.push(
          text(mid, y0 + plotH - 4, cell, 'text-anchor="middle" font-size="9"'),
        );
        return;
      }
      const y = yOf(Math.max(cell, 10 ** low));
      out.push(
        `<rect x="${(x + 2).toFixed(1)}" y="${y.toFixed(1)}" ` +
          `width="${(barW - 4).toFixed(1)}" ` +
          `height="${(y0 + plotH - y).toFixed(1)}" fill="${COLORS[a]}"/>`,
        text(
          mid,
          y - 4,
          panel.format(cell),
          'text-anchor="middle" font-size="9"',
        ),
      );
    });
  });
  return out.join("\n");
}

function cellOf(
  report: BenchReport,
  scenario: string,
  approach: ApproachName,
  value: (m: SyncMetrics) => number,
): Cell {
  const found = report.sync.find(
    (r) => r.scenario === scenario && r.approach === approach,
  );
  if (found === undefined) return "not run";
  const { outcome } = found;
  return outcome.status === "measured"
    ? value(outcome.metrics)
    : outcome.status;
}

function panelOf(
  report: BenchReport,
  title: string,
  value: (m: SyncMetrics) => number,
  format: (n: number) => string,
): Panel {
  const groups = SYNC_SCENARIO_NAMES.filter((s) =>
    report.scenarios.includes(s),
  ).map((scenario) => {
    const cells = {} as Record<ApproachName, Cell>;
    for (const a of APPROACHES) cells[a] = cellOf(report, scenario, a, value);
    return { label: scenario, cells };
  });
  return { title, groups, format };
}

function legend(y: number): string {
  return APPROACHES.map((a, i) => {
    const x = MARGIN.left + i * 160;
    return (
      `<rect x="${x}" y="${y - 10}" width="12" height="12" ` +
      `fill="${COLORS[a]}"/>` +
      text(x + 18, y, APPROACH_TITLES[a])
    );
  }).join("\n");
}

export function renderChart(report: BenchReport): string {
  const panels = [
    panelOf(
      report,
      "Bytes on the link (up + down), log scale",
      (m) => m.bytesUp + m.bytesDown,
      formatBytes,
    ),
    panelOf(
      report,
      `Seconds to catch up (${report.profile ?? "unshaped"}), log scale`,
      (m) => m.seconds,
      formatSeconds,
    ),
  ];
  const height = 60 + panels.length * PANEL_HEIGHT;
  const body = panels.map((p, i) => renderPanel(p, 50 + i * PANEL_HEIGHT));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" ` +
      `height="${height}" viewBox="0 0 ${WIDTH} ${height}" ` +
      `font-family="sans-serif" font-size="11">`,
    `<rect width="${WIDTH}" height="${height}" fill="white"/>`,
    text(
      MARGIN.left,
      20,
      `Okada sync bench: ${profileLine(report.profile)}`,
      'font-size="13"',
    ),
    legend(42),
    ...body,
    "</svg>",
    "",
  ].join("\n");
}
