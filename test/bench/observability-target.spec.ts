import { describe, expect, it } from '@jest/globals';
import { observabilityVerdict } from '../../scripts/bench/observability-target.js';
import type { MedianInterval } from '../../scripts/bench/rounds.js';

const interval = (median: number, low: number, high: number): MedianInterval => ({
  median,
  low,
  high,
  level: 0.96,
  n: 12,
});
const p50Fine = interval(0, 0, 0.5);

describe("observabilityVerdict (issue 14's 5 % and 1 ms)", () => {
  it('is met only when the whole interval is within both limits', () => {
    expect(observabilityVerdict(interval(0.98, 0.951, 1.01), p50Fine)).toBe('met');
    expect(observabilityVerdict(interval(0.98, 0.95, 1.01), interval(0.5, 0, 1))).toBe('met');
  });

  it('is missed when even the best end of an interval is beyond a limit', () => {
    expect(observabilityVerdict(interval(0.9, 0.85, 0.94), p50Fine)).toBe('missed');
    expect(observabilityVerdict(interval(1, 0.99, 1.01), interval(2, 1.5, 2.5))).toBe('missed');
  });

  it('is not settled when an interval straddles a limit, even with a median inside it', () => {
    expect(observabilityVerdict(interval(0.97, 0.92, 1.02), p50Fine)).toBe('not settled');
    expect(observabilityVerdict(interval(0.99, 0.98, 1), interval(0.5, 0, 1.5))).toBe(
      'not settled',
    );
    expect(observabilityVerdict(interval(NaN, NaN, NaN), p50Fine)).toBe('not settled');
  });
});
