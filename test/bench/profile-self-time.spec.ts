import { describe, expect, it } from '@jest/globals';
import {
  meanSelfTime,
  placeOf,
  selfTime,
  selfTimeChanges,
  type CpuProfile,
} from '../../scripts/profile-self-time.js';

const frame = (id: number, functionName: string, url: string) => ({
  id,
  callFrame: { functionName, url, lineNumber: 9 },
});

/** Samples of nodes 1, 2, 2, 3 every 1,000 µs from t=0; each takes until the next one (the last: 0). */
const profile: CpuProfile = {
  nodes: [
    frame(1, 'startSpan', 'file:///app/node_modules/@opentelemetry/sdk-trace/build/src/Tracer.js'),
    frame(2, 'serialize', 'file:///app/dist/libs/messaging/src/kafka/produce.js'),
    frame(3, '(garbage collector)', ''),
  ],
  startTime: 0,
  endTime: 4_000,
  samples: [1, 2, 2, 3],
  timeDeltas: [1_000, 1_000, 1_000, 1_000],
};

describe('CPU profile self time', () => {
  it('sums each sample until the next, by package or own file and by function', () => {
    const time = selfTime(profile);
    expect(time.total).toBe(3_000);
    expect(Object.fromEntries(time.byPlace)).toEqual({
      '@opentelemetry/sdk-trace': 1_000,
      'libs/messaging/src/kafka': 2_000,
      '(garbage collector)': 0,
    });
    expect(time.byFunction.get('serialize kafka/produce.js:10')).toBe(2_000);
  });

  it('reads only the window before the end when asked', () => {
    // Samples at 1,000..4,000 µs; 2.5 ms before the end is 1,500: the last three are in (the
    // last one takes no time), and ending 1.5 ms before the end (2,500) leaves the one at 2,000.
    expect(selfTime(profile, { fromEnd: 0.0025 }).total).toBe(2_000);
    expect(selfTime(profile, { fromEnd: 0.0025, toEnd: 0.0015 }).total).toBe(1_000);
  });

  it('averages one side over its profiles and lists changes against another, largest first', () => {
    const double = meanSelfTime([selfTime(profile), selfTime(profile)]);
    expect(double.total).toBe(3_000);
    const less = { ...profile, samples: [1, 2, 1, 3] };
    const changes = selfTimeChanges(double.byPlace, selfTime(less).byPlace);
    expect(changes.slice(0, 2)).toEqual([
      { name: '@opentelemetry/sdk-trace', a: 1_000, b: 2_000, change: 1_000 },
      { name: 'libs/messaging/src/kafka', a: 2_000, b: 1_000, change: -1_000 },
    ]);
  });

  it('names node modules by their folder and an own file by its directory', () => {
    expect(placeOf('node:internal/async_hooks')).toBe('node:internal');
    expect(placeOf('')).toBeUndefined();
  });
});
