/** Latency summary in milliseconds. */
export interface Latency {
  p50: number;
  p99: number;
  p999?: number;
}

/** The p-th percentile (0..100) of `values` (nearest rank); NaN when empty. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** p50 and p99 of `values`. */
export function latencyOf(values: number[]): Latency {
  return { p50: percentile(values, 50), p99: percentile(values, 99) };
}

/** A number for the table: thousands separated, `digits` decimals, "-" when missing. */
export function fmt(value: number | undefined, digits = 0): string {
  if (value === undefined || Number.isNaN(value)) return '-';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** "p50 / p99" (and p99.9) in ms for a table cell. */
export function fmtLatency(l: Latency): string {
  const digits = l.p99 < 10 ? 1 : 0;
  const parts = [fmt(l.p50, digits), fmt(l.p99, digits)];
  if (l.p999 !== undefined) parts.push(fmt(l.p999, digits));
  return `${parts.join(' / ')} ms`;
}

/** product / baseline as a percentage, e.g. "7 %". */
export function ratio(product: number, baseline: number): string {
  if (!baseline || Number.isNaN(product) || Number.isNaN(baseline)) return '-';
  const r = (100 * product) / baseline;
  return `${fmt(r, r < 10 ? 1 : 0)} %`;
}

/** Seconds since `startedMs` (performance.now()), for progress lines. */
export function secondsSince(startedMs: number): string {
  return `${((performance.now() - startedMs) / 1000).toFixed(1)} s`;
}
