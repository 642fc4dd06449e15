import type { LoadResult } from './load-types.js';

/** One step of a curve: the rate offered and what came back. */
export interface CurvePoint {
  rate: number;
  result: LoadResult;
}

/** Offered rates from `start`, times `factor` each step, up to `max`; 2 significant digits. */
export function rateSteps(start: number, factor: number, max: number): number[] {
  if (!(start > 0) || !(factor > 1) || !(max >= start)) {
    throw new Error(
      `rate steps need start > 0, factor > 1, max >= start (${start}, ${factor}, ${max})`,
    );
  }
  const steps: number[] = [];
  for (let r = start; r <= max * 1.0001; r *= factor) {
    const pow = 10 ** Math.max(0, Math.floor(Math.log10(r)) - 1);
    const rounded = Math.round(r / pow) * pow;
    if (rounded !== steps[steps.length - 1]) steps.push(rounded);
  }
  return steps;
}

/**
 * Past the knee: fewer than 90 % of the offered requests a second answered with a 2xx, more than
 * 1 % errors, or a p99 over `p99LimitMs`. The step that shows it is the curve's last.
 */
export function saturated({ rate, result }: CurvePoint, p99LimitMs = 2_000): boolean {
  return (
    result.reqPerSec < 0.9 * rate ||
    result.errors > 0.01 * Math.max(1, result.total) ||
    !(result.latency.p99 <= p99LimitMs)
  );
}

/** Steps every side runs before a saturated one may end its curve: a picture needs a few points. */
export const MIN_STEPS = 3;

/** Whether a side's curve goes on to the next rate: under MIN_STEPS, or its last step not saturated. */
export function climbing(points: CurvePoint[], p99LimitMs = 2_000): boolean {
  const last = points[points.length - 1];
  return points.length < MIN_STEPS || !saturated(last, p99LimitMs);
}
