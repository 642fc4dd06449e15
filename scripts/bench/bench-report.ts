import { textTable } from '../text-table.js';
import type { CpuUse } from './cpu-meter.js';
import type { LagFigures } from './event-lag-bench.js';
import type { HiresFigures, HiresRow } from './hires-bench.js';
import type { HttpCase } from './http-load-bench.js';
import { fmtP99Ratio, medianLatency, medianLoad, ratioCell } from './round-figures.js';
import { median, pairedRatios } from './rounds.js';
import type { RoundTrips } from './rpc-bench.js';
import { fmt, fmtLatency, type Latency } from './stats.js';

type Row = [string, string, string, string];

/** Everything one run measured, each side as its rounds in order, for the table. */
export interface BenchFigures {
  rounds: number;
  startup?: { brokerSeconds: number; appsSeconds: number };
  hires: HiresRow;
  rpc: Array<{ product: RoundTrips[]; baseline: RoundTrips[] }>;
  http: HttpCase[];
  lag: { rate: number; product: LagFigures[]; baseline: LagFigures[] };
  /** Peak RSS in MB of each app, and of each baseline process. */
  rss: {
    apps: Array<[string, number | undefined]>;
    baselines: Array<[string, number | undefined]>;
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function lagCell(rounds: LagFigures[]): string {
  const failures = sum(rounds.map((r) => r.failures));
  const failed = failures ? `, ${fmt(failures)} writes failed` : '';
  const latency = fmtLatency(medianLatency(rounds.map((r) => r.latency)));
  const held = median(rounds.map((r) => r.heldRate));
  return `${latency} (${fmt(held)} writes/s, ${fmt(sum(rounds.map((r) => r.events)))} events${failed})`;
}

function hiresRows(h: HiresRow): Row[] {
  const rate = (r: HiresFigures[]) => `${fmt(median(r.map((x) => x.perSecond)))}/s`;
  const p = h.rounds.product;
  const hired = sum(p.map((r) => r.hired));
  const rejected = sum(p.map((r) => r.rejected));
  const vs = (b: HiresFigures[]) =>
    ratioCell(
      p.map((r) => ({ rate: r.perSecond, latency: r.latency })),
      b.map((r) => ({ rate: r.perSecond, latency: r.latency })),
    );
  const lat = (r: HiresFigures[]) => fmtLatency(medianLatency(r.map((x) => x.latency)));
  return [
    [
      `verified hires/s (${fmt(h.count)} requests a round)`,
      `${rate(p)} (${fmt(hired)} hired, ${fmt(rejected)} rejected)`,
      `${rate(h.rounds.verifying)} verifying raw pipeline`,
      vs(h.rounds.verifying),
    ],
    ['', '', `${rate(h.rounds.floor)} floor raw pipeline`, vs(h.rounds.floor)],
    [
      'hire request produced to outcome readable, p50 / p99',
      lat(p),
      `${lat(h.rounds.verifying)} verifying; ${lat(h.rounds.floor)} floor`,
      '',
    ],
  ];
}

function rpcRow({ product, baseline }: { product: RoundTrips[]; baseline: RoundTrips[] }): Row {
  const cell = (r: RoundTrips[]) => {
    const failures = sum(r.map((x) => x.failures));
    return (
      `${fmt(median(r.map((x) => x.perSecond)))}/s; ` +
      `${fmtLatency(medianLatency(r.map((x) => x.latency)))}${failures ? `; ${failures} failed` : ''}`
    );
  };
  const pairs = (r: RoundTrips[]) => r.map((x) => ({ rate: x.perSecond, latency: x.latency }));
  return [
    `request/reply people.get, ${product[0].concurrency} in flight`,
    cell(product),
    cell(baseline),
    ratioCell(pairs(product), pairs(baseline)),
  ];
}

function httpRow(c: HttpCase): Row {
  const cell = (rounds: HttpCase['product']) => {
    const m = medianLoad(rounds);
    return `${fmt(m.reqPerSec)}/s; ${fmtLatency(m.latency)}; ${fmt(m.errors)} errors`;
  };
  const pairs = (rounds: HttpCase['product']) =>
    rounds.map((r) => ({ rate: r.reqPerSec, latency: r.latency as Latency }));
  return [
    `${c.name} (p50 / p99 / p99.9)`,
    cell(c.product),
    cell(c.baseline),
    ratioCell(pairs(c.product), pairs(c.baseline)),
  ];
}

/**
 * The run's table: each side's median over its rounds, and the ratio column as the median of the
 * per-round ratios (round i of product and baseline ran next to each other) with their range.
 */
export function benchTable(f: BenchFigures): string {
  const s = f.startup;
  const rows: Row[] = [
    [
      'stack start-up (Kafka ready; 4 apps healthy)',
      s ? `${fmt(s.brokerSeconds, 1)} s; ${fmt(s.appsSeconds, 1)} s` : 'running stack',
      '',
      '',
    ],
    ...hiresRows(f.hires),
    ...f.rpc.map(rpcRow),
    ...f.http.map(httpRow),
  ];
  const l = f.lag;
  rows.push([
    `event lag, commit to readable, at ${fmt(l.rate)}/s (p50 / p99)`,
    lagCell(l.product),
    lagCell(l.baseline),
    fmtP99Ratio(
      pairedRatios(
        l.product.map((r) => r.latency.p99),
        l.baseline.map((r) => r.latency.p99),
      ),
    ),
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
  const heading = `baseline (same run, alternated, ${f.rounds} rounds a side)`;
  return textTable(['what', 'product (median of rounds)', heading, 'ratio: median (range)'], rows);
}

const totalOf = (u: CpuUse) => sum([...u.msPerOperation.values()]);

/**
 * Ms of CPU per operation of each product row over all its rounds, by process, and the total beside
 * the baseline's total (its own processes, the broker, PostgreSQL and the bench).
 */
export function cpuTable(rows: Array<{ product: CpuUse; baseline?: CpuUse }>): string {
  const names = [...new Set(rows.flatMap((r) => [...r.product.msPerOperation.keys()]))];
  const table = rows.map(({ product: u, baseline: b }) => [
    u.row,
    fmt(u.operations),
    ...names.map((n) => fmt(u.msPerOperation.get(n), 2)),
    fmt(totalOf(u), 2),
    b ? fmt(totalOf(b), 2) : '',
    b ? `${fmt(totalOf(u) / totalOf(b), 1)} x` : '',
  ]);
  return textTable(
    ['operation', 'count', ...names, 'total', 'baseline total', 'x baseline'],
    table,
  );
}
