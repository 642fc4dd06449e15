/**
 * Alternated rounds: every row runs its sides in turn (product, baseline, product, baseline, ...)
 * so a noisy minute on a shared machine falls on both sides, and reports the median of the
 * per-round ratios with their spread instead of one ratio of two runs minutes apart.
 */

/**
 * The order of `pairs` rounds over `sides`: round 0 runs every side once, then round 1, ... With
 * `rotate`, round r starts at side r (A B C, B C A, C A B, ...), so no side always runs right
 * after the same other one or always last: a row of several sides whose ratios sit near its noise
 * (the observability row) would otherwise carry the order's own bias.
 */
export function alternation<S extends string>(
  pairs: number,
  sides: readonly S[],
  rotate = false,
): Array<{ round: number; side: S }> {
  if (!Number.isInteger(pairs) || pairs < 1) throw new Error(`rounds must be >= 1, got ${pairs}`);
  return Array.from({ length: pairs }, (_, round) =>
    sides.map((_side, i) => ({
      round,
      side: sides[rotate ? (i + round) % sides.length : i]!,
    })),
  ).flat();
}

/** Runs each side's `run(round)` in the order of alternation(); the results by side, in round order. */
export async function alternate<S extends string, T>(
  pairs: number,
  sides: Record<S, (round: number) => Promise<T>>,
  onRound: (round: number, side: S) => void = () => {},
  rotate = false,
): Promise<Record<S, T[]>> {
  const names = Object.keys(sides) as S[];
  const results = Object.fromEntries(names.map((s) => [s, [] as T[]])) as Record<S, T[]>;
  for (const { round, side } of alternation(pairs, names, rotate)) {
    onRound(round, side);
    results[side].push(await sides[side](round));
  }
  return results;
}

/** The median of `values` (the mean of the middle two for an even count); NaN when empty. */
export function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A median and the range it came from. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  /** How many rounds it summarises. */
  n: number;
}

/** Median, lowest and highest of `values` (NaN and infinities left out). */
export function spreadOf(values: number[]): Spread {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
  return {
    median: median(finite),
    min: Math.min(...finite),
    max: Math.max(...finite),
    n: finite.length,
  };
}

/** product[i] / baseline[i] of each round (the pairs ran next to each other), summarised. */
export function pairedRatios(product: number[], baseline: number[]): Spread {
  if (product.length !== baseline.length) {
    throw new Error(`unpaired rounds: ${product.length} product, ${baseline.length} baseline`);
  }
  return spreadOf(product.map((p, i) => p / baseline[i]));
}

/** A median and an interval that holds the true median with probability `level`, or more. */
export interface MedianInterval {
  median: number;
  low: number;
  high: number;
  /** What the interval covers: at least the level asked for, when there were enough values. */
  level: number;
  n: number;
}

/**
 * The median of `values` and its distribution-free confidence interval: the k-th lowest and k-th
 * highest value for the largest k whose sign-test bound, 1 − 2·P(Binomial(n, ½) < k), still
 * reaches `level` (12 rounds: the 3rd and 10th, 96 %). It assumes only that rounds are independent
 * draws, not that their noise is normal: this machine's rounds are not. With too few values for
 * `level` (fewer than 6 for 95 %) the interval is the whole range and `level` says what it covers.
 */
export function medianInterval(values: number[], level = 0.95): MedianInterval {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { median: NaN, low: NaN, high: NaN, level: 0, n: 0 };
  const coverage = (k: number) => 1 - 2 * binomialHalfCdf(n, k - 1);
  let k = 1;
  while (2 * (k + 1) <= n && coverage(k + 1) >= level) k += 1;
  return {
    median: median(sorted),
    low: sorted[k - 1]!,
    high: sorted[n - k]!,
    level: coverage(k),
    n,
  };
}

/** P(X ≤ j) for X ~ Binomial(n, ½). */
function binomialHalfCdf(n: number, j: number): number {
  let term = Math.pow(0.5, n); // C(n, 0) / 2^n
  let sum = 0;
  for (let i = 0; i <= j; i++) {
    sum += term;
    term = (term * (n - i)) / (i + 1);
  }
  return sum;
}
