/**
 * The fault suite: `npm run faults` (full profile) or `npm run faults -- --profile short` (what CI
 * runs). `--only kill,replay` runs some scenarios; `--out file.md` also writes the table there.
 * Starts its own broker and apps, on throw-away databases; exits 1 if any invariant broke.
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
  },
});
const profile = PROFILES[values.profile as keyof typeof PROFILES];
if (!profile) throw new Error(`--profile must be one of ${Object.keys(PROFILES).join(', ')}`);
const names = values.only?.split(',') ?? Object.keys(SCENARIOS);
const unknown = names.filter((n) => !SCENARIOS[n]);
if (unknown.length)
  throw new Error(
    `unknown scenarios ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`,
  );

Logger.overrideLogger(['fatal', 'error', 'warn']);
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const started = Date.now();
const log = (line: string) =>
  console.log(`[faults +${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);
const runner = new FaultRunner({ profile, scenarios: names.map((n) => SCENARIOS[n]), log });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void runner.tearDown().finally(() => process.exit(130)));
}

let failed = true;
try {
  const results = await runner.run();
  const table = resultsTable(results);
  const summary = `profile ${profile.name}, ${names.length} scenarios, ${((Date.now() - started) / 1000).toFixed(0)} s`;
  console.log(`\n${table}\n\n${summary}`);
  if (values.out) await writeFile(values.out, `${table}\n\n${summary}\n`);
  failed = results.some((r) => r.violations.length > 0);
} finally {
  await runner.tearDown();
}
process.exit(failed ? 1 : 0);
