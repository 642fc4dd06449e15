import { describe, expect, it } from '@jest/globals';
import {
  alternate,
  alternation,
  median,
  medianInterval,
  pairedRatios,
  spreadOf,
} from '../../scripts/bench/rounds.js';
import { fmtP99Ratio, fmtRateRatio, medianLoad } from '../../scripts/bench/round-figures.js';

describe('alternation', () => {
  it('runs every side once per round, rounds in order: A B A B A B', () => {
    expect(alternation(3, ['product', 'baseline']).map((s) => `${s.side[0]}${s.round}`)).toEqual([
      'p0',
      'b0',
      'p1',
      'b1',
      'p2',
      'b2',
    ]);
  });

  it('rotated, starts each round at the next side: A B C, B C A, C A B', () => {
    const order = alternation(3, ['a', 'b', 'c'], true).map((s) => `${s.side}${s.round}`);
    expect(order).toEqual(['a0', 'b0', 'c0', 'b1', 'c1', 'a1', 'c2', 'a2', 'b2']);
  });

  it('refuses a round count that is not a positive integer', () => {
    expect(() => alternation(0, ['a'])).toThrow('rounds must be >= 1');
    expect(() => alternation(1.5, ['a'])).toThrow('rounds must be >= 1');
  });

  it('alternate() calls the sides in that order and returns each side in round order', async () => {
    const calls: string[] = [];
    const side = (name: string) => async (round: number) => {
      calls.push(`${name}${round}`);
      return `${name}:${round}`;
    };
    const results = await alternate(3, { a: side('a'), b: side('b'), c: side('c') });
    expect(calls).toEqual(['a0', 'b0', 'c0', 'a1', 'b1', 'c1', 'a2', 'b2', 'c2']);
    expect(results).toEqual({
      a: ['a:0', 'a:1', 'a:2'],
      b: ['b:0', 'b:1', 'b:2'],
      c: ['c:0', 'c:1', 'c:2'],
    });
  });
});

describe('median and spread', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNaN();
  });

  it('reports the median with the lowest and highest, leaving out non-finite values', () => {
    expect(spreadOf([0.5, 0.7, Infinity, 0.6, NaN])).toEqual({
      median: 0.6,
      min: 0.5,
      max: 0.7,
      n: 3,
    });
  });

  it('pairs round i of the product with round i of the baseline', () => {
    // Round ratios 0.5, 0.25, 1: a median of 0.5, whatever the medians of the sides are.
    expect(pairedRatios([50, 100, 300], [100, 400, 300])).toEqual({
      median: 0.5,
      min: 0.25,
      max: 1,
      n: 3,
    });
    expect(() => pairedRatios([1, 2], [1])).toThrow('unpaired rounds');
  });

  it('formats rate ratios in % and p99 ratios as times, each with its range', () => {
    expect(fmtRateRatio({ median: 0.58, min: 0.512, max: 0.634, n: 3 })).toBe('58 % (51–63)');
    expect(fmtRateRatio({ median: 0.083, min: 0.05, max: 0.09, n: 3 })).toBe('8.3 % (5.0–9.0)');
    expect(fmtP99Ratio({ median: 3.44, min: 2.9, max: 4.12, n: 3 })).toBe('p99 3.4 x (2.9–4.1)');
    expect(fmtRateRatio(spreadOf([]))).toBe('-');
  });

  it('summarises one side of a load row: median rate and percentiles, errors summed', () => {
    const round = (reqPerSec: number, p99: number, errors: number) => ({
      reqPerSec,
      latency: { p50: p99 / 4, p99, p999: p99 * 2 },
      errors,
      total: 1000,
    });
    expect(medianLoad([round(900, 40, 0), round(1000, 10, 2), round(300, 90, 5)])).toEqual({
      reqPerSec: 900,
      latency: { p50: 10, p99: 40, p999: 80 },
      errors: 7,
      total: 3000,
    });
  });
});

describe('medianInterval', () => {
  const rounds = (n: number) => Array.from({ length: n }, (_, i) => n - i); // n..1, unsorted

  it('bounds the median by the order statistics the sign test allows at 95 %', () => {
    // 12 rounds: the 3rd lowest and 3rd highest, covering 1 - 2 * 79/4096 = 96.1 %.
    const twelve = medianInterval(rounds(12));
    expect(twelve).toMatchObject({ median: 6.5, low: 3, high: 10, n: 12 });
    expect(twelve.level).toBeCloseTo(0.9614, 4);
    // 24 rounds: the 7th and 18th (1 - 2 * 190051/2^24 = 97.7 %; the 8th would cover 93.6 %).
    expect(medianInterval(rounds(24))).toMatchObject({ low: 7, high: 18 });
    expect(medianInterval(rounds(24)).level).toBeCloseTo(0.9773, 4);
  });

  it('widens to the whole range, and says what it covers, when the rounds are too few', () => {
    const five = medianInterval([5, 1, 4, 2, 3]);
    expect(five).toMatchObject({ median: 3, low: 1, high: 5, n: 5 });
    expect(five.level).toBeCloseTo(1 - 2 / 32, 6); // 93.75 %: less than the 95 % asked for
    expect(medianInterval([7]).level).toBe(0);
    expect(medianInterval([NaN, Infinity])).toMatchObject({ n: 0, level: 0 });
  });

  it('narrows as the level asked for falls', () => {
    const at80 = medianInterval(rounds(12), 0.8);
    expect(at80).toMatchObject({ low: 4, high: 9 }); // 1 - 2 * 299/4096 = 85.4 %
  });
});
