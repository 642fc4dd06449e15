import { describe, expect, it } from '@jest/globals';
import { BENCH_USAGE, benchOptions } from '../../scripts/bench/bench-options.js';
import { combineCpu } from '../../scripts/bench/cpu-meter.js';

describe('benchOptions', () => {
  it('alternates 3 rounds a row by default, shorter rounds with --quick', () => {
    expect(benchOptions([], {})).toMatchObject({ rounds: 3, seconds: 5, curve: false });
    expect(benchOptions(['--quick', '--curve'], {})).toMatchObject({
      quick: true,
      curve: true,
      seconds: 2,
      curveFactor: 2,
    });
  });

  it('refuses an unknown flag or a bad variable, naming it', () => {
    expect(() => benchOptions(['--curv'], {})).toThrow('unknown option --curv');
    expect(() => benchOptions([], { BENCH_ROUNDS: 'three' })).toThrow('BENCH_ROUNDS');
    expect(() => benchOptions([], { BENCH_ROUNDS: '2' })).toThrow('at least 3');
    expect(benchOptions([], { BENCH_ROUNDS: '5' }).rounds).toBe(5);
  });

  it('runs one row alone with --only, and refuses a row it does not know', () => {
    expect(benchOptions(['--quick', '--only', 'observability'], {})).toMatchObject({
      quick: true,
      only: 'observability',
    });
    expect(benchOptions([], {}).only).toBeUndefined();
    expect(() => benchOptions(['--only', 'hires'], {})).toThrow('--only takes one of');
    expect(() => benchOptions(['--only'], {})).toThrow('--only takes one of');
  });

  it('documents --curve in --help', () => {
    expect(benchOptions(['--help'], {}).help).toBe(true);
    expect(BENCH_USAGE).toMatch(/--curve\s+latency/);
  });
});

describe('combineCpu', () => {
  it('adds the rounds up: each process over all operations, not a mean of per-round figures', () => {
    const use = (operations: number, app: number) => ({
      row: 'r',
      operations,
      msPerOperation: new Map([['app', app]]),
    });
    // 100 ops at 1 ms and 300 ops at 2 ms: 700 ms over 400 ops.
    expect(combineCpu([use(100, 1), use(300, 2)]).msPerOperation.get('app')).toBe(1.75);
    expect(combineCpu([use(100, 1), use(300, 2)]).operations).toBe(400);
  });
});
