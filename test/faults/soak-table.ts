import type { SoakSample } from './soak-sampler.js';

/** The soak's samples as a markdown table: time, pace, latency, errors, lag, backlog, memory. */
export function soakTable(samples: readonly SoakSample[]): string {
  const rows = samples.map((s) => {
    const rss = Object.values(s.rssMb);
    const heap = Object.values(s.heapMb);
    return `| ${s.atS} | ${s.rate} | ${s.p50Ms} | ${s.p99Ms} | ${s.errors} | ${s.lag} | ${s.outbox} | ${Math.max(0, ...rss)} | ${Math.max(0, ...heap)} |`;
  });
  return [
    '| s | 2xx/s | p50 ms | p99 ms | errors | lag | outbox | max RSS MiB | max heap MiB |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}
