import type { ScenarioResult } from './scenario-result.js';
import { drift, type SoakSample } from './soak-sampler.js';

/** Median of a figure over some samples. */
function median(samples: readonly SoakSample[], figure: (s: SoakSample) => number): number {
  const values = samples.map(figure).sort((a, b) => a - b);
  return values.length ? values[Math.floor(values.length / 2)] : 0;
}

/**
 * No error; and the last third of the samples against the first: memory up by no more than half (and
 * 30 MiB), p99 no more than doubled (and +20 ms), lag and backlog no more than doubled (and +200).
 */
export function checkTrends(samples: readonly SoakSample[], result: ScenarioResult): void {
  const errors = samples.reduce((n, s) => n + s.errors, 0);
  if (errors) result.violations.push(`${errors} HTTP calls failed during the soak`);
  const third = Math.max(1, Math.floor(samples.length / 3));
  const [first, last] = [samples.slice(0, third), samples.slice(-third)];
  const grew = (
    name: string,
    figure: (s: SoakSample) => number,
    factor: number,
    margin: number,
  ) => {
    const [a, b] = [median(first, figure), median(last, figure)];
    result.notes.push(`${name}: ${a} → ${b} (${drift(a, b) >= 0 ? '+' : ''}${drift(a, b)} %)`);
    if (b > a * factor && b > a + margin) result.violations.push(`${name} trends up: ${a} → ${b}`);
  };
  for (const label of Object.keys(samples[0]?.rssMb ?? {})) {
    grew(`${label} RSS MiB`, (s) => s.rssMb[label] ?? 0, 1.5, 30);
    grew(`${label} heap MiB`, (s) => s.heapMb[label] ?? 0, 1.5, 30);
  }
  grew('p99 ms', (s) => s.p99Ms, 2, 20);
  grew('lag', (s) => s.lag, 2, 200);
  grew('outbox backlog', (s) => s.outbox, 2, 200);
}
