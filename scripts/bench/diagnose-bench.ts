import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EVENT_TOPICS } from '#contracts';
import { textTable } from '../text-table.js';
import type { BenchOptions } from './bench-options.js';
import { runLoad } from './bench-http.js';
import type { BenchStack } from './bench-stack.js';
import type { DiagnoseSnapshot, Durations } from './diagnose-summary.js';
import type { Target } from './http-load-bench.js';
import { plainKafka, watchTopic } from './outcome-watcher.js';
import { nthHire, type SeedData } from './seed-data.js';
import { fmt, fmtLatency, latencyOf } from './stats.js';

/**
 * `--diagnose`: the apps get scripts/bench/diagnose-preload.ts; call before the stack starts.
 * Returns the directory the apps write their snapshots to.
 */
export function enableDiagnosis(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-diagnose-'));
  const preload = join(import.meta.dirname, 'diagnose-preload.js');
  process.env.BENCH_DIAG_DIR = dir;
  process.env.APP_NODE_ARGS = `${process.env.APP_NODE_ARGS ?? ''} --import=${preload}`.trim();
  return dir;
}

/** Asks every app for what it saw since the last call (SIGWINCH) and reads its answers. */
async function snapshot(dir: string, pids: Record<string, number>) {
  const linesOf = (pid: number) => {
    const file = join(dir, `${pid}.jsonl`);
    return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];
  };
  const before = Object.fromEntries(Object.values(pids).map((pid) => [pid, linesOf(pid).length]));
  Object.values(pids).forEach((pid) => process.kill(pid, 'SIGWINCH'));
  const deadline = Date.now() + 5_000;
  const result = new Map<string, DiagnoseSnapshot>();
  while (result.size < Object.keys(pids).length && Date.now() < deadline) {
    for (const [app, pid] of Object.entries(pids)) {
      const lines = linesOf(pid);
      if (lines.length > before[pid]) result.set(app, JSON.parse(lines[lines.length - 1]));
    }
    await sleep(50);
  }
  return result;
}

/** A duration for the table; "-" when there was none (JSON keeps NaN as null). */
const ms = (value: number | null) => (value === null ? '-' : fmt(value, value < 10 ? 1 : 0));
const durations = (d: Durations) => [d.count, ms(d.p50), ms(d.p99), ms(d.max)];

/** Per app: event-loop delay and GC; then every phase the apps reported, by app. */
function report(row: string, outcome: string, seen: Map<string, DiagnoseSnapshot>): string {
  const apps = textTable(
    [
      'app',
      'seconds',
      'loop delay p50 / p99 / max',
      'GC pauses',
      'GC p99 / max',
      'GC total',
      'major GC',
    ],
    [...seen].map(([app, s]) => [
      app,
      fmt(s.seconds, 1),
      `${ms(s.loopDelayMs.p50)} / ${ms(s.loopDelayMs.p99)} / ${ms(s.loopDelayMs.max)} ms`,
      s.gc.count,
      `${ms(s.gc.p99)} / ${ms(s.gc.max)} ms`,
      `${ms(s.gc.totalMs)} ms (${fmt((100 * s.gc.totalMs) / 1000 / s.seconds, 1)} %)`,
      `${ms(s.gc.majorMs)} ms`,
    ]),
  );
  const phases = textTable(
    ['app', 'phase (ms)', 'count', 'p50', 'p99', 'max'],
    [...seen].flatMap(([app, s]) =>
      Object.entries(s.phases)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([phase, d]) => [app, phase, ...durations(d)]),
    ),
  );
  return `${row}: ${outcome}\n${apps}\n${phases}\n`;
}

/**
 * The product alone at the steady rates of the table (POST /employees, GET /people/:id, POST
 * /people as in the event-lag row) and one burst of Kafka hire requests, each run once for
 * 3 x BENCH_SECONDS, with every app's event-loop delay, GC pauses and reported phases.
 */
export async function diagnoseBench(
  dir: string,
  stack: BenchStack,
  product: Target,
  seed: SeedData,
  options: BenchOptions,
  say: (line: string) => void,
): Promise<string> {
  const pids = stack.pids as Record<string, number>;
  const seconds = options.seconds * 3;
  const personId = seed.people[0].id;
  const rows: Array<{ name: string; run: () => Promise<string> }> = [
    {
      name: `POST /employees at ${options.postRate}/s`,
      run: async () => {
        const r = await runLoad({
          url: `${product.url}/employees`,
          method: 'POST',
          connections: 64,
          seconds,
          rate: options.postRate,
          body: product.hire,
        });
        return `${fmt(r.reqPerSec)}/s; ${fmtLatency(r.latency)}; ${r.errors} errors`;
      },
    },
    {
      name: `GET /people/:id at ${options.getRate}/s`,
      run: async () => {
        const r = await runLoad({
          url: `${product.url}/people/${personId}`,
          method: 'GET',
          connections: 64,
          seconds,
          rate: options.getRate,
        });
        return `${fmt(r.reqPerSec)}/s; ${fmtLatency(r.latency)}; ${r.errors} errors`;
      },
    },
    {
      name: `POST /people at ${options.lagRate}/s`,
      run: async () => {
        const r = await runLoad({
          url: `${product.url}/people`,
          method: 'POST',
          connections: 64,
          seconds,
          rate: options.lagRate,
          body: (i) => ({ fullName: `Diagnose ${i}` }),
        });
        return `${fmt(r.reqPerSec)}/s; ${fmtLatency(r.latency)}; ${r.errors} errors`;
      },
    },
    { name: `${options.hires} Kafka hire requests`, run: () => hireBurst(stack, seed, options) },
  ];
  const reports: string[] = [];
  for (const row of rows) {
    say(`diagnose: ${row.name}, ${seconds} s`);
    await snapshot(dir, pids);
    const outcome = await row.run();
    reports.push(report(row.name, outcome, await snapshot(dir, pids)));
    say(`diagnose: ${row.name}: ${outcome}`);
  }
  return reports.join('\n');
}

/** `options.hires` hire requests in sends of 500; rate and latency to their outcomes. */
async function hireBurst(stack: BenchStack, seed: SeedData, options: BenchOptions) {
  const run = Date.now().toString(36);
  const requests = Array.from({ length: options.hires }, (_, i) => ({
    requestId: `diagnose-${run}-${i}`,
    ...nthHire(seed, seed.hireCompanies, i, 0),
  }));
  const ids = new Set(requests.map((r) => r.requestId));
  const watcher = await watchTopic(stack.brokers, EVENT_TOPICS.employment, (e) =>
    ids.has(e.correlationId) ? e.correlationId : undefined,
  );
  const producer = plainKafka(stack.brokers, 'other-team').producer();
  try {
    await producer.connect();
    const started = performance.now();
    const sentAt = new Map<string, number>();
    for (let i = 0; i < requests.length; i += 500) {
      const chunk = requests.slice(i, i + 500);
      chunk.forEach((r) => sentAt.set(r.requestId, performance.now()));
      await producer.send({
        topic: EVENT_TOPICS.hireRequests,
        messages: chunk.map((r) => ({ key: r.personId, value: JSON.stringify(r) })),
      });
    }
    await watcher.all(ids.size, 600_000);
    const arrivals = [...watcher.arrivals].map(([id, a]) => a.at - sentAt.get(id)!);
    const last = Math.max(...[...watcher.arrivals.values()].map((a) => a.at));
    return `${fmt(ids.size / ((last - started) / 1000))}/s; ${fmtLatency(latencyOf(arrivals))} request to outcome`;
  } finally {
    await producer.disconnect();
    await watcher.stop();
  }
}
