import type { Stats } from './stats.ts';
import type { BenchResult } from './suite.ts';

export type Status = 'meets target' | 'misses target' | '—';

/** Whether the median is within the target (`—` without a target). */
export function statusOf(result: BenchResult): Status {
  if (result.target === undefined) return '—';
  return result.measured.stats.median <= result.target.max ? 'meets target' : 'misses target';
}

/** `median ÷ baseline median`, or `undefined` without a baseline. */
export function ratioOf(result: BenchResult): number | undefined {
  if (result.baseline === undefined) return undefined;
  return result.measured.stats.median / result.baseline.measured.stats.median;
}

/** A number with about three significant digits and thousands separators. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** `312 ns/call (298–340)`: median, then min–max. */
export function formatStats(stats: Stats, unit: string): string {
  return `${formatNumber(stats.median)} ${unit} (${formatNumber(stats.min)}–${formatNumber(stats.max)})`;
}

export function formatRatio(result: BenchResult): string {
  const ratio = ratioOf(result);
  if (ratio === undefined || result.baseline === undefined) return '—';
  return `${formatNumber(ratio)}× ${result.baseline.name}`;
}

export const TABLE_HEADER = [
  'benchmark',
  'result: median (min–max)',
  'target',
  'status',
  'ratio vs baseline',
] as const;

/** The table cells of one result. */
export function rowOf(result: BenchResult): string[] {
  const value = formatStats(result.measured.stats, result.unit);
  return [
    result.name,
    result.extra === undefined ? value : `${value}; ${result.extra}`,
    result.target?.label ?? '—',
    statusOf(result),
    formatRatio(result),
  ];
}

/** A Markdown table with padded columns (readable in a terminal, pasteable into a README). */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = line(widths.map((width) => '-'.repeat(width)));
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function formatResults(results: readonly BenchResult[]): string {
  return formatTable(TABLE_HEADER, results.map(rowOf));
}
