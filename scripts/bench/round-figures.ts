import type { LoadResult } from './load-types.js';
import { median, pairedRatios, type Spread } from './rounds.js';
import { fmt, type Latency } from './stats.js';

/** Each percentile's median over the rounds (p99.9 only when every round has one). */
export function medianLatency<L extends Latency>(rounds: L[]): L {
  const p999 = rounds.every((r) => r.p999 !== undefined)
    ? { p999: median(rounds.map((r) => r.p999!)) }
    : {};
  return {
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    ...p999,
  } as L;
}

/** One row's side over its rounds: median rate and percentiles, errors and requests summed. */
export function medianLoad(rounds: LoadResult[]): LoadResult {
  return {
    reqPerSec: median(rounds.map((r) => r.reqPerSec)),
    latency: medianLatency(rounds.map((r) => r.latency)),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    total: rounds.reduce((sum, r) => sum + r.total, 0),
  };
}

/** "58 % (51–63)": the median of the rounds' product/baseline rates and their range, in %. */
export function fmtRateRatio(s: Spread): string {
  if (s.n === 0) return '-';
  const pct = (v: number) => fmt(100 * v, 100 * s.median < 10 ? 1 : 0);
  return `${pct(s.median)} % (${pct(s.min)}–${pct(s.max)})`;
}

/** "p99 3.4 x (2.9–4.1)": the median of the rounds' product/baseline p99 and their range. */
export function fmtP99Ratio(s: Spread): string {
  if (s.n === 0) return '-';
  return `p99 ${fmt(s.median, 1)} x (${fmt(s.min, 1)}–${fmt(s.max, 1)})`;
}

/** Rate and p99 ratios of paired rounds, formatted for the table's ratio column. */
export function ratioCell(
  product: Array<{ rate: number; latency: Latency }>,
  baseline: Array<{ rate: number; latency: Latency }>,
): string {
  const rate = pairedRatios(
    product.map((p) => p.rate),
    baseline.map((b) => b.rate),
  );
  const p99 = pairedRatios(
    product.map((p) => p.latency.p99),
    baseline.map((b) => b.latency.p99),
  );
  return `${fmtRateRatio(rate)}; ${fmtP99Ratio(p99)}`;
}
