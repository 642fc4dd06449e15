/**
 * The fault suite: `npm run faults` (full profile) or `npm run faults -- --profile short` (what CI
 * runs). `--only kill,replay` runs some scenarios; `--out file.md` also writes the table there;
 * `--brokers 3` runs on a three-node cluster (and adds the cluster scenarios). Starts its own
 * broker(s) and apps, on throw-away databases; exits 1 if any invariant broke.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { FaultRunner } from '../test/faults/fault-runner.js';
import { PROFILES } from '../test/faults/fault-profile.js';
import { resultsTable } from '../test/faults/results-table.js';
import { SCENARIOS } from '../test/faults/scenarios/index.js';

const { values } = parseArgs({
  options: {
    profile: { type: 'string', default: 'full' },
    only: { type: 'string' },
    out: { type: 'string' },
    brokers: { type: 'string', default: '1' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(`npm run faults -- [--profile short|full|soak] [--brokers 1|3] [--only a,b] [--out file.md]
  --profile  sizes and durations (default full; short is what npm test runs; soak: 30 minutes at
             half the probed HTTP capacity, FAULTS_SOAK_MINUTES to change, samples in .cache/faults/)
  --brokers  Kafka nodes: 1 (default) or 3 (replication 3, min.insync.replicas 2)
  --only     scenarios, comma-separated; default: all that fit the broker count
  --out      also write the results table to this file
scenarios: ${Object.entries(SCENARIOS)
    .map(([n, s]) => (s.cluster ? `${n} (3 brokers)` : s.soak ? `${n} (--profile soak)` : n))
    .join(', ')}`);
  process.exit(0);
}
const brokers = Number(values.brokers);
if (brokers !== 1 && brokers !== 3)
  throw new Error(`--brokers must be 1 or 3, not ${values.brokers}`);
const profile = PROFILES[values.profile as keyof typeof PROFILES];
if (!profile) throw new Error(`--profile must be one of ${Object.keys(PROFILES).join(', ')}`);
const soaking = profile.name === 'soak';
const names =
  values.only?.split(',') ??
  Object.keys(SCENARIOS).filter(
    (n) => (brokers > 1 || !SCENARIOS[n].cluster) && Boolean(SCENARIOS[n].soak) === soaking,
  );
const unknown = names.filter((n) => !SCENARIOS[n]);
if (unknown.length)
  throw new Error(
    `unknown scenarios ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`,
  );
if (!soaking && names.some((n) => SCENARIOS[n].soak))
  throw new Error('the soak scenario runs with --profile soak');
if (soaking && process.env.FAULTS_SOAK_MINUTES)
  profile.soak!.durationMs = Number(process.env.FAULTS_SOAK_MINUTES) * 60_000;
const needCluster = names.filter((n) => SCENARIOS[n].cluster);
if (needCluster.length && brokers < 3)
  throw new Error(`${needCluster.join(', ')} need three brokers: add --brokers 3`);

Logger.overrideLogger(['fatal', 'error', 'warn']);
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const started = Date.now();
const log = (line: string) =>
  console.log(`[faults +${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);
const runner = new FaultRunner({
  profile,
  brokers,
  scenarios: names.map((n) => SCENARIOS[n]),
  log,
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void runner.tearDown().finally(() => process.exit(130)));
}

let failed = true;
try {
  const results = await runner.run();
  const table = resultsTable(results);
  const summary = `profile ${profile.name}, ${brokers} broker(s), ${names.length} scenarios, ${((Date.now() - started) / 1000).toFixed(0)} s`;
  console.log(`\n${table}\n\n${summary}`);
  if (values.out) await writeFile(values.out, `${table}\n\n${summary}\n`);
  failed = results.some((r) => r.violations.length > 0);
} finally {
  await runner.tearDown();
}
process.exit(failed ? 1 : 0);
