/** The Markdown tables the benchmarks print: first column left-aligned, the others right. */

/**
 * Prints a header and rows as a Markdown table, each column as wide as its widest cell.
 * @example printTable(['case', 'ms'], [['a', '1.0']]) prints "| case |  ms |", "|:-----|----:|", "| a    | 1.0 |"
 */
export function printTable(header: string[], body: string[][]): void {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  console.log(line(header));
  console.log(
    `|${widths.map((w, i) => (i === 0 ? ':' : '-').padEnd(w + 1, '-') + (i === 0 ? '-' : ':')).join('|')}|`,
  );
  for (const row of body) console.log(line(row));
}
