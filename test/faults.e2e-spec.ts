import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '#devstack';
import { parseResultsTable } from './faults/results-table.js';
import { SCENARIOS } from './faults/scenarios/index.js';

/** Runs the built fault suite's short profile (its own broker, 8 app processes); resolves with its output. */
function runShortProfile(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(repoRoot(), 'dist', 'scripts', 'faults.js'), '--profile', 'short'],
      {
        cwd: repoRoot(),
        env: process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), 540_000); // the suite tears down on SIGTERM
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('the fault suite, short profile (npm run faults -- --profile short)', () => {
  it('keeps every invariant through kills, scaling, outages, backlog, replay, poison, shutdown and hostile HTTP', async () => {
    const { code, output } = await runShortProfile();
    process.stdout.write(`${output.slice(Math.max(0, output.indexOf('| scenario |')))}\n`);
    // Every scenario of one broker ran and passed, by name: a run that crashed or skipped some has
    // fewer rows. The cluster's scenarios need `--brokers 3`, the soak `--profile soak`: not this profile.
    const oneBroker = Object.values(SCENARIOS).filter((s) => !s.cluster && !s.soak);
    expect({ code, rows: parseResultsTable(output) }).toEqual({
      code: 0,
      rows: oneBroker.map((s) => ({ scenario: s.name, result: 'pass' })),
    });
  }, 600_000);
});
