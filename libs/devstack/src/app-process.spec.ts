import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { APP_OLD_SPACE_MB, appNodeArgs } from './app-process.js';

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
    expect(appNodeArgs('')).toEqual([`--max-old-space-size=${APP_OLD_SPACE_MB}`]);
    expect(appNodeArgs('--cpu-prof  --cpu-prof-dir=x')).toEqual([
      `--max-old-space-size=${APP_OLD_SPACE_MB}`,
      '--cpu-prof',
      '--cpu-prof-dir=x',
    ]);
    const limit = heapLimitMb(appNodeArgs(''));
    expect(limit).toBeGreaterThanOrEqual(APP_OLD_SPACE_MB);
    expect(limit).toBeLessThan(APP_OLD_SPACE_MB + 64); // plus the young generation
    expect(heapLimitMb(appNodeArgs('--max-old-space-size=512'))).toBeGreaterThan(512);
  });
});
