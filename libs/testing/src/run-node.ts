import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { repoRoot } from '#devstack';

/** Runs a built script (`dist/...`) to completion with extra environment; rejects on a non-zero exit. */
export async function runNode(script: string, env: Record<string, string>, timeoutMs = 60_000) {
  return promisify(execFile)(process.execPath, [script], {
    cwd: repoRoot(),
    env: { ...process.env, ...env },
    timeout: timeoutMs,
  });
}
