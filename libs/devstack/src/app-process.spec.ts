import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { APP_OLD_SPACE_MB, APP_SEMI_SPACE_MB, appNodeArgs } from './app-process.js';

/** V8's heap limit (MB) of a node started with `args`. */
function heapLimitMb(args: string[]): number {
  const out = execFileSync(process.execPath, [
    ...args,
    '-e',
    "console.log(require('v8').getHeapStatistics().heap_size_limit / 2 ** 20)",
  ]);
  return Number(String(out));
}

describe(appNodeArgs.name, () => {
  it("bounds every app's old space, and lets APP_NODE_ARGS add flags or raise it", () => {
    const limits = [
      `--max-old-space-size=${APP_OLD_SPACE_MB}`,
      `--max-semi-space-size=${APP_SEMI_SPACE_MB}`,
    ];
    expect(appNodeArgs('')).toEqual(limits);
    expect(appNodeArgs('--cpu-prof  --cpu-prof-dir=x')).toEqual([
      ...limits,
      '--cpu-prof',
      '--cpu-prof-dir=x',
    ]);
    const limit = heapLimitMb(appNodeArgs(''));
    expect(limit).toBeGreaterThanOrEqual(APP_OLD_SPACE_MB);
    // plus the young generation: 3 semi-spaces (Node 24 would give 3 x 64 MB without the flag)
    expect(limit).toBeLessThanOrEqual(APP_OLD_SPACE_MB + 3 * APP_SEMI_SPACE_MB);
    expect(heapLimitMb(appNodeArgs('--max-old-space-size=512'))).toBeGreaterThan(512);
  });
});
