import { describe, expect, it } from '@jest/globals';
import { QUICK_JIT, jvmArgs } from './kafka-java.js';

describe('jvmArgs', () => {
  it("keeps the JVM's C2 compiler unless a quick JIT is asked for", () => {
    const args = jvmArgs('/tmp/logs', { heap: ['-Xmx512m'] });
    expect(args.slice(0, 2)).toEqual(['-Xmx512m', '-XX:+UseG1GC']);
    expect(args.some((arg) => arg.startsWith('-XX:TieredStopAtLevel'))).toBe(false);
  });

  it('stops at C1 with quickJit, after the heap options', () => {
    const args = jvmArgs('/tmp/logs', { heap: ['-Xms256m', '-Xmx256m'], quickJit: true });
    expect(args.slice(0, 3)).toEqual(['-Xms256m', '-Xmx256m', ...QUICK_JIT]);
    expect(QUICK_JIT).toEqual(['-XX:TieredStopAtLevel=1']);
    expect(args).toContain('-Dkafka.logs.dir=/tmp/logs');
  });
});
