import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, totalmem } from 'node:os';
import { repoRoot } from '#devstack';
import { textTable } from '../text-table.js';
import { runLoad } from './bench-http.js';
import type { BenchOptions } from './bench-options.js';
import { climbing, rateSteps, saturated, type CurvePoint } from './curve-steps.js';
import type { Target } from './http-load-bench.js';
import { latencyChartSvg, type ChartSeries } from './latency-chart.js';
import { fmt } from './stats.js';

interface Endpoint {
  name: string;
  file: string;
  title: string;
  start: number;
  max: number;
  run: (t: Target, rate: number, seconds: number) => ReturnType<typeof runLoad>;
}

const endpoints = (personId: string): Endpoint[] => [
  {
    name: 'GET /people/:id',
    file: 'curve-get-person.svg',
    title: 'GET /people/:id: latency against offered rate',
    start: 250,
    max: 12_000,
    run: (t, rate, seconds) =>
      runLoad({
        url: `${t.url}/people/${personId}`,
        method: 'GET',
        connections: 64,
        seconds,
        rate,
      }),
  },
  {
    name: 'POST /employees',
    file: 'curve-post-employees.svg',
    title: 'POST /employees: latency against offered rate',
    start: 50,
    max: 6_000,
    run: (t, rate, seconds) =>
      runLoad({
        url: `${t.url}/employees`,
        method: 'POST',
        connections: 64,
        seconds,
        rate,
        body: t.hire,
      }),
  },
];

/** Upper bound of the product's POST /employees over the curve (for making enough companies). */
export function curvePosts(options: BenchOptions): number {
  const post = endpoints('')[1];
  const steps = rateSteps(post.start, options.curveFactor, post.max);
  return Math.ceil(steps.reduce((a, r) => a + r, 0) * options.curveSeconds);
}

/**
 * Steps the offered rate of each endpoint from its start, product then baseline at each step, until
 * both are past their knee (a side stops at its first saturated step from the MIN_STEPS-th on); writes one SVG per
 * endpoint (BENCH_CURVE_DIR, default docs/benchmarks) and returns a table of the points.
 */
export async function curveBench(
  options: BenchOptions,
  targets: { product: Target; bare: Target },
  personId: string,
  say: (line: string) => void,
): Promise<string> {
  const dir = process.env.BENCH_CURVE_DIR ?? join(repoRoot(), 'docs', 'benchmarks');
  mkdirSync(dir, { recursive: true });
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const rows: string[][] = [];
  for (const e of endpoints(personId)) {
    const curves: Record<'product' | 'baseline', CurvePoint[]> = { product: [], baseline: [] };
    for (const rate of rateSteps(e.start, options.curveFactor, e.max)) {
      const open = (['product', 'baseline'] as const).filter((s) => climbing(curves[s]));
      if (open.length === 0) break;
      for (const side of open) {
        say(`curve: ${e.name} at ${rate}/s, ${options.curveSeconds} s, ${side}`);
        const target = side === 'product' ? targets.product : targets.bare;
        curves[side].push({ rate, result: await e.run(target, rate, options.curveSeconds) });
      }
    }
    const series = (side: 'product' | 'baseline', color: string): ChartSeries[] =>
      (['p50', 'p99'] as const).map((p) => ({
        name: `${side === 'product' ? 'product' : 'bare server'} ${p}`,
        color,
        dashed: p === 'p50',
        points: curves[side].map((c) => ({ x: c.rate, y: c.result.latency[p] })),
      }));
    const svg = latencyChartSvg({
      title: e.title,
      notes: [
        `npm run bench -- --curve${options.quick ? ' --quick' : ''}, ${date} UTC, ` +
          `${options.curveSeconds} s a step, 64 connections, paced open loop`,
        `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, everything on one machine, ` +
          `load average ${loadavg()[0].toFixed(1)} at the end`,
        ...(process.env.BENCH_NOTE ? [process.env.BENCH_NOTE] : []),
      ],
      series: [...series('product', '#1f6fb4'), ...series('baseline', '#e07b10')],
    });
    writeFileSync(join(dir, e.file), svg);
    say(`curve: wrote ${join(dir, e.file)}`);
    for (const side of ['product', 'baseline'] as const) {
      for (const c of curves[side]) {
        const r = c.result;
        rows.push([
          e.name,
          side === 'product' ? 'product' : 'bare server',
          fmt(c.rate),
          fmt(r.reqPerSec),
          fmt(r.latency.p50, 1),
          fmt(r.latency.p99, 1),
          fmt(r.errors),
          saturated(c) ? 'saturated' : '',
        ]);
      }
    }
  }
  return textTable(
    ['endpoint', 'side', 'offered/s', '2xx/s', 'p50 ms', 'p99 ms', 'errors', ''],
    rows,
  );
}
