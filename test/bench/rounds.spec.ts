import { describe, expect, it } from '@jest/globals';
import {
  alternate,
  alternation,
  median,
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
