/**
 * `npm run bench`: the product against raw baselines, all in one run on the same broker and database
 * (docs/benchmarks.md). Starts Kafka and the apps unless GATEWAY_URL (and KAFKA_BROKERS) name a
 * running stack. `--quick` or BENCH_QUICK=1 for a short smoke run; BENCH_* variables in bench-options.ts.
 */
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { startBaseline, type BaselineProcess } from './bench/baseline-process.js';
import { prepareBareDatabase } from './bench/bare-http-schema.js';
import { benchOptions } from './bench/bench-options.js';
import { prepareBenchAuth } from './bench/bench-http.js';
import { benchTable, cpuTable } from './bench/bench-report.js';
import { CpuMeter } from './bench/cpu-meter.js';
import { startBenchStack } from './bench/bench-stack.js';
import { eventLagBench } from './bench/event-lag-bench.js';
import { hiresBench } from './bench/hires-bench.js';
import { httpLoadBench, maxProductPosts } from './bench/http-load-bench.js';
import { peakRssMb } from './bench/peak-rss.js';
import { rpcBench } from './bench/rpc-bench.js';
import { createScratchDatabase, dropScratchDatabases } from './bench/scratch-database.js';
import { seedData } from './bench/seed-data.js';
import { secondsSince } from './bench/stats.js';

Logger.overrideLogger(['fatal', 'error', 'warn']);
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const began = performance.now();
const say = (line: string) => console.log(`[bench ${secondsSince(began)}] ${line}`);
const options = benchOptions();
await prepareBenchAuth();
const machine = () =>
  `machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
  `load average now ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;
const loadAtStart = loadavg()
  .map((l) => l.toFixed(1))
  .join(' ');
say(machine());
say(`${options.quick ? 'quick' : 'full'} run: ${JSON.stringify(options)}`);

const stack = await startBenchStack(options, say);
const bareDb = await createScratchDatabase('http');
let bare: BaselineProcess | undefined;
try {
  const run = randomUUID().slice(0, 8);
  say(`seeding ${options.people} people and the companies for the hires through the gateway`);
  const seed = await seedData(
    stack.gatewayUrl,
    run,
    options.people,
    options.hires,
    maxProductPosts(options),
  );
  await prepareBareDatabase(bareDb, seed.people);
  bare = await startBaseline('bare-http-server', { DATABASE_URL: bareDb });
  const meter = new CpuMeter(stack.pids);
  const hires = await hiresBench(stack, seed, options.hires, meter, say);
  const rpc = await rpcBench(
    stack,
    seed.people[0].id,
    options.rpcConcurrency,
    options.seconds,
    say,
  );
  const http = await httpLoadBench(
    options,
    stack.gatewayUrl,
    String(bare.info.url),
    seed,
    meter,
    say,
  );
  const lag = await eventLagBench(stack, options.lagRate, options.lagSeconds, meter, say);
  const bareRss = peakRssMb(bare.pid);
  const rss = {
    apps: Object.entries(stack.pids).map(
      ([app, pid]) => [app, peakRssMb(pid)] as [string, number | undefined],
    ),
    baselines: [
      ['bare server', bareRss],
      ['raw pipeline', hires.pipelineRssMb],
      ['raw responder', rpc.responderRssMb],
    ] as Array<[string, number | undefined]>,
  };
  const table = benchTable({
    startup: stack.startup,
    hires: { count: options.hires, ...hires },
    rpc: rpc.results,
    http,
    lag: { rate: options.lagRate, ...lag },
    rss,
  });
  const cpu = cpuTable([hires.productCpu, ...http.map((c) => c.productCpu), lag.productCpu]);
  say(`done in ${secondsSince(began)}`);
  console.log(`\n${table}\n${machine()}; load average at the start ${loadAtStart}\n`);
  console.log(`CPU per operation of the product's runs, ms, by process (from /proc):\n${cpu}\n`);
} finally {
  await bare?.stop();
  await dropScratchDatabases(bareDb);
  await stack.stop();
}
process.exit(0);
