export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface Row {
  measure: string;
  subject: string;
  value: string;
  ratio?: string;
  method: string;
}

export function printTable(title: string, rows: Row[]): void {
  const headers = ["subject", "value", "ratio", "method"] as const;
  const cells = rows.map((r) => [r.subject, r.value, r.ratio ?? "", r.method]);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (values: readonly string[]) =>
    `| ${values.map((v, i) => v.padEnd(widths[i] as number)).join(" | ")} |`;
  console.log(`\n### ${title}\n`);
  console.log(line(headers));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const c of cells) console.log(line(c));
}

export const ratio = (value: number, baseline: number) => `${(value / baseline).toFixed(3)}x`;

/**
 * Median of per-round ratios `values[i] / baseline[i]`: each round measured both back to back, so the
 * drift a shared machine adds between rounds cancels out.
 */
export function pairedRatio(values: number[], baseline: number[]): number {
  return median(values.map((value, i) => value / (baseline[i] as number)));
}
