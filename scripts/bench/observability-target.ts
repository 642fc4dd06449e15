import type { MedianInterval } from './rounds.js';

/**
 * Issue 14's target for metrics, logs and traces on together: at most 5 % of throughput and 1 ms
 * of p50 against everything off.
 */
export const OBSERVABILITY_TARGET = { maxThroughputLoss: 0.05, maxP50AddedMs: 1 };

export type TargetVerdict = 'met' | 'missed' | 'not settled';

/**
 * Whether a side's per-round figures against "off" settle the target: `throughput` the
 * side/off ratios, `p50` the side − off differences (ms), each a median with its confidence
 * interval. Met when even the interval's worst end is within both limits; missed when even its
 * best end is beyond one of them; otherwise the rounds cannot tell (more rounds narrow the
 * interval). A median alone that happens to fall inside the limit is not a "met".
 */
export function observabilityVerdict(
  throughput: MedianInterval,
  p50: MedianInterval,
  target = OBSERVABILITY_TARGET,
): TargetVerdict {
  if (throughput.n === 0 || p50.n === 0) return 'not settled';
  const lowestRatio = 1 - target.maxThroughputLoss;
  if (throughput.high < lowestRatio || p50.low > target.maxP50AddedMs) return 'missed';
  if (throughput.low >= lowestRatio && p50.high <= target.maxP50AddedMs) return 'met';
  return 'not settled';
}
