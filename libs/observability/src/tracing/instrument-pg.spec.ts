import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The built module: Jest runs code in its own module system, where `require` is Jest's own. */
const BUILT = 'dist/libs/observability/src/tracing/instrument-pg.js';

describe('instrumentPg (built, in a plain Node process)', () => {
  it('patches pg and leaves no hook on require behind', () => {
    if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run npm run build first`);
    const script = `
      import Module, { createRequire } from 'node:module';
      import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
      import { instrumentPg } from './${BUILT}';
      const before = Module.prototype.require;
      instrumentPg(new BasicTracerProvider());
      const pg = createRequire(import.meta.url)('pg');
      console.log(JSON.stringify({
        requireUnhooked: Module.prototype.require === before,
        queryPatched: pg.Client.prototype.query.__wrapped === true,
      }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    // require-in-the-middle's hook resolved every id to a file on every call: 28 µs per produce
    // request kafkajs builds (docs/benchmarks.md).
    expect(JSON.parse(out)).toEqual({ requireUnhooked: true, queryPatched: true });
  });
});
