import { textTable } from '../text-table.js';
import type { LoadResult } from './bench-http.js';
import type { CpuUse } from './cpu-meter.js';
import type { LagFigures } from './event-lag-bench.js';
import type { HiresFigures } from './hires-bench.js';
import type { HttpCase } from './http-load-bench.js';
import type { RoundTrips } from './rpc-bench.js';
import { fmt, fmtLatency, ratio, type Latency } from './stats.js';

type Row = [string, string, string, string];

/** "12.3 x": how many times the baseline's p99 the product's is. */
function times(product: Latency, baseline: Latency): string {
  const x = product.p99 / baseline.p99;
  return Number.isFinite(x) ? `p99 ${fmt(x, 1)} x` : '-';
}

function lagCell(l: LagFigures): string {
  const failed = l.failures ? `, ${fmt(l.failures)} writes failed` : '';
  return `${fmtLatency(l.latency)} (${fmt(l.heldRate)} writes/s, ${fmt(l.events)} events${failed})`;
}

function load(r: LoadResult): string {
  return `${fmt(r.reqPerSec)}/s; ${fmtLatency(r.latency)}; ${fmt(r.errors)} errors`;
}

/** Everything one run measured, for the table. */
export interface BenchFigures {
  startup?: { brokerSeconds: number; appsSeconds: number };
  hires: { count: number; product: HiresFigures; baseline: HiresFigures };
  rpc: Array<{ product: RoundTrips; baseline: RoundTrips }>;
  http: HttpCase[];
  lag: { rate: number; product: LagFigures; baseline: LagFigures };
  /** Peak RSS in MB of each app, and of each baseline process. */
  rss: {
    apps: Array<[string, number | undefined]>;
    baselines: Array<[string, number | undefined]>;
  };
}

/** The one table of a run: product, baseline measured in the same run, and their ratio. */
export function benchTable(f: BenchFigures): string {
  const rows: Row[] = [];
  const s = f.startup;
  rows.push([
    'stack start-up (Kafka ready; 4 apps healthy)',
    s ? `${fmt(s.brokerSeconds, 1)} s; ${fmt(s.appsSeconds, 1)} s` : 'running stack',
    '',
    '',
  ]);
  const h = f.hires;
  rows.push([
    `verified hires/s (${fmt(h.count)} requests)`,
    `${fmt(h.product.perSecond)}/s (${h.product.detail})`,
    `${fmt(h.baseline.perSecond)}/s raw pipeline`,
    ratio(h.product.perSecond, h.baseline.perSecond),
  ]);
  rows.push([
    'hire request produced to outcome readable, p50 / p99',
    fmtLatency(h.product.latency),
    fmtLatency(h.baseline.latency),
    times(h.product.latency, h.baseline.latency),
  ]);
  for (const { product: p, baseline: b } of f.rpc) {
    rows.push([
      `request/reply people.get, ${p.concurrency} in flight`,
      `${fmt(p.perSecond)}/s; ${fmtLatency(p.latency)}${p.failures ? `; ${p.failures} failed` : ''}`,
      `${fmt(b.perSecond)}/s; ${fmtLatency(b.latency)}`,
      `${ratio(p.perSecond, b.perSecond)}; ${times(p.latency, b.latency)}`,
    ]);
  }
  for (const c of f.http) {
    rows.push([
      `${c.name} (p50 / p99 / p99.9)`,
      load(c.product),
      load(c.baseline),
      `${ratio(c.product.reqPerSec, c.baseline.reqPerSec)}; ${times(c.product.latency, c.baseline.latency)}`,
    ]);
  }
  const l = f.lag;
  rows.push([
    `event lag, commit to readable, at ${fmt(l.rate)}/s (p50 / p99)`,
    lagCell(l.product),
    lagCell(l.baseline),
    times(l.product.latency, l.baseline.latency),
  ]);
  const mb = (v: number | undefined) => (v === undefined ? '-' : `${fmt(v)} MB`);
  const rss = Math.max(f.rss.apps.length, f.rss.baselines.length);
  for (let i = 0; i < rss; i++) {
    const [app, appMb] = f.rss.apps[i] ?? ['', undefined];
    const [base, baseMb] = f.rss.baselines[i] ?? ['', undefined];
    rows.push([
      i === 0 ? 'peak RSS (VmHWM)' : '',
      app ? `${app} ${mb(appMb)}` : '',
      base ? `${base} ${mb(baseMb)}` : '',
      '',
    ]);
  }
  return textTable(['what', 'product', 'baseline (same run)', 'ratio'], rows);
}

/** Ms of CPU per operation of each product run, by process, and their total. */
export function cpuTable(uses: CpuUse[]): string {
  const names = [...new Set(uses.flatMap((u) => [...u.msPerOperation.keys()]))];
  const rows = uses.map((u) => {
    const total = [...u.msPerOperation.values()].reduce((a, b) => a + b, 0);
    return [
      u.row,
      fmt(u.operations),
      ...names.map((n) => fmt(u.msPerOperation.get(n), 2)),
      fmt(total, 2),
    ];
  });
  return textTable(['operation', 'count', ...names, 'total'], rows);
}
