/** A Markdown table padded so it also reads as plain text. */

export type Align = "left" | "right";

/** Characters as a terminal shows them (no wide glyphs are used). */
const width = (text: string) => [...text].length;

export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[],
): string {
  const widths = header.map((title, column) =>
    Math.max(3, width(title), ...rows.map((row) => width(row[column] ?? ""))),
  );
  const cell = (text: string, column: number) => {
    const pad = " ".repeat((widths[column] ?? 0) - width(text));
    return align[column] === "right" ? pad + text : text + pad;
  };
  const line = (cells: readonly string[]) =>
    `| ${header.map((_, c) => cell(cells[c] ?? "", c)).join(" | ")} |`;
  const rule = widths.map((w, c) =>
    align[c] === "right" ? `${"-".repeat(w - 1)}:` : "-".repeat(w),
  );
  return [line(header), `| ${rule.join(" | ")} |`, ...rows.map(line)].join(
    "\n",
  );
}
