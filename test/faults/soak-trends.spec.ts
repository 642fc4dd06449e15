import { describe, expect, it } from '@jest/globals';
import { emptyResult } from './scenario-result.js';
import type { SoakSample } from './soak-sampler.js';
import { checkTrends } from './soak-trends.js';

const sample = (atS: number, over: Partial<SoakSample> = {}): SoakSample => ({
  atS,
  rate: 100,
  p50Ms: 5,
  p99Ms: 20,
  errors: 0,
  lag: 10,
  outbox: 3,
  rssMb: { 'people-1': 120 },
  heapMb: { 'people-1': 40 },
  ...over,
});

function violationsOf(samples: SoakSample[]): string[] {
  const result = emptyResult('soak');
  checkTrends(samples, result);
  return result.violations;
}

describe('checkTrends (soak)', () => {
  it('passes a flat run, noisy within its margins', () => {
    const flat = Array.from({ length: 9 }, (_, i) => sample(i * 30, { p99Ms: 20 + (i % 3) * 5 }));
    expect(violationsOf(flat)).toEqual([]);
  });

  it('names a heap that keeps growing, a p99 that drifts up, a lag that builds up, and errors', () => {
    const growing = Array.from({ length: 9 }, (_, i) =>
      sample(i * 30, {
        heapMb: { 'people-1': 40 + i * 15 },
        p99Ms: 20 + i * 20,
        lag: 10 + i * 300,
        errors: i === 4 ? 2 : 0,
      }),
    );
    expect(violationsOf(growing)).toEqual([
      '2 HTTP calls failed during the soak',
      'people-1 heap MiB trends up: 55 → 145',
      'p99 ms trends up: 40 → 160',
      'lag trends up: 310 → 2110',
    ]);
  });
});
