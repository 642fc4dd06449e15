/**
 * `npm run bench`: the product against raw baselines, all in one run on the same broker and database,
 * alternated in rounds (docs/benchmarks.md). Starts Kafka and the apps unless GATEWAY_URL (and
 * KAFKA_BROKERS) name a running stack. `--quick`, `--curve`, `--help`: see BENCH_USAGE.
 */
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { startBaseline, type BaselineProcess } from './bench/baseline-process.js';
import { prepareBareDatabase } from './bench/bare-http-schema.js';
import { BENCH_USAGE, benchOptions } from './bench/bench-options.js';
import { prepareBenchAuth } from './bench/bench-http.js';
import { benchTable, cpuTable } from './bench/bench-report.js';
import { CpuMeter } from './bench/cpu-meter.js';
import { startBenchStack } from './bench/bench-stack.js';
import { curveBench, curvePosts } from './bench/curve-bench.js';
import { diagnoseBench, enableDiagnosis } from './bench/diagnose-bench.js';
import { eventLagBench } from './bench/event-lag-bench.js';
import { hiresBench } from './bench/hires-bench.js';
import { observabilityBench, observabilityTable } from './bench/observability-bench.js';
import { httpLoadBench, httpTargets, maxProductPosts } from './bench/http-load-bench.js';
import { peakRssMb } from './bench/peak-rss.js';
import { rpcBench } from './bench/rpc-bench.js';
import { createScratchDatabase, dropScratchDatabases } from './bench/scratch-database.js';
import { seedData } from './bench/seed-data.js';
import { secondsSince } from './bench/stats.js';

Logger.overrideLogger(['fatal', 'error', 'warn']);
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const began = performance.now();
const say = (line: string) => console.log(`[bench ${secondsSince(began)}] ${line}`);
let options: ReturnType<typeof benchOptions>;
try {
  options = benchOptions();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
if (options.help) {
  console.log(BENCH_USAGE);
  process.exit(0);
}
await prepareBenchAuth();
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const machine = () =>
  `machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version} (apps and baselines too), load average now ${load()}`;
const loadAtStart = load();
say(machine());
say(`${options.quick ? 'quick' : 'full'} run: ${JSON.stringify(options)}`);

const diagnosis = options.diagnose ? enableDiagnosis() : undefined;
const stack = await startBenchStack(options, say);

/** Prints a run's result text after the line that says how long it took, and the machine's. */
const finish = (text: string) => {
  say(`done in ${secondsSince(began)}`);
  console.log(`\n${text}\n${machine()}; load average at the start ${loadAtStart}\n`);
};

/** The row of what metrics, logs and traces cost (GET of `personId`), as printed text. */
const observabilityRow = async (personId: string) => {
  const results = await observabilityBench(
    { rounds: options.rounds, seconds: options.seconds, connections: options.connections[0] },
    stack.brokers,
    personId,
    say,
  );
  const name = `GET /people/:id, ${options.connections[0]} connections`;
  return `What metrics, logs and traces cost:\n${observabilityTable(name, results)}`;
};

if (options.only === 'observability') {
  // One person is all that row reads: no hires' companies, no bare server or its database.
  try {
    say('seeding one person through the gateway');
    const seed = await seedData(stack.gatewayUrl, randomUUID().slice(0, 8), 1, 0, 0);
    finish(await observabilityRow(seed.people[0].id));
  } finally {
    await stack.stop();
  }
  process.exit(0);
}

const bareDb = await createScratchDatabase('http');
let bare: BaselineProcess | undefined;
try {
  const run = randomUUID().slice(0, 8);
  say(`seeding ${options.people} people and the companies for the hires through the gateway`);
  const seed = await seedData(
    stack.gatewayUrl,
    run,
    options.people,
    options.curve ? 0 : options.hires * options.rounds,
    options.curve ? curvePosts(options) : maxProductPosts(options),
  );
  await prepareBareDatabase(bareDb, seed.people);
  bare = await startBaseline('bare-http-server', { DATABASE_URL: bareDb });
  const meter = new CpuMeter(stack.pids, stack.cpuScope);
  const meters = { product: meter, bare: meter.withProcesses({ 'bare server': bare.pid }) };
  const targets = httpTargets(stack.gatewayUrl, String(bare.info.url), seed);
  if (diagnosis) {
    finish(await diagnoseBench(diagnosis, stack, targets.product, seed, options, say));
  } else if (options.curve) {
    finish(await curveBench(options, targets, seed.people[0].id, say));
  } else {
    const hires = await hiresBench(
      stack,
      seed,
      { count: options.hires, rounds: options.rounds },
      meter,
      say,
    );
    const rpc = await rpcBench(
      stack,
      seed.people[0].id,
      { levels: options.rpcConcurrency, seconds: options.seconds, rounds: options.rounds },
      say,
    );
    const http = await httpLoadBench(options, targets, seed.people[0].id, meters, say);
    const observability = await observabilityRow(seed.people[0].id);
    const lag = await eventLagBench(
      stack,
      { rate: options.lagRate, seconds: options.lagSeconds, rounds: options.rounds },
      meter,
      say,
    );
    const table = benchTable({
      rounds: options.rounds,
      startup: stack.startup,
      hires,
      rpc: rpc.results,
      http,
      lag: { rate: options.lagRate, ...lag },
      rss: {
        apps: Object.entries(stack.pids).map(
          ([app, pid]) => [app, peakRssMb(pid)] as [string, number | undefined],
        ),
        baselines: [
          ['bare server', peakRssMb(bare.pid)],
          ...hires.rssMb,
          ['raw responder', rpc.responderRssMb],
        ],
      },
    });
    const cpu = cpuTable([
      { product: hires.cpu.product, baseline: hires.cpu.verifying },
      ...http.map((c) => ({ product: c.productCpu, baseline: c.baselineCpu })),
      { product: lag.productCpu, baseline: lag.baselineCpu },
    ]);
    say(`done in ${secondsSince(began)}`);
    console.log(
      `\nCPU per operation (ms, from /proc), all rounds of each row, by process:\n${cpu}\n`,
    );
    console.log(`${table}\n${machine()}; load average at the start ${loadAtStart}\n`);
    console.log(`${observability}\n`);
  }
} finally {
  await bare?.stop();
  await dropScratchDatabases(bareDb);
  await stack.stop();
}
process.exit(0);
