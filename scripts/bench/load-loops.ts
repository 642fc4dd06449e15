import { setTimeout as sleep } from 'node:timers/promises';

/** Latencies (ms) of the completed operations and the run's length in seconds. */
export interface LoopResult {
  latencies: number[];
  seconds: number;
  failures: number;
}

/** Runs `op` with `concurrency` in flight, back to back, for `seconds`; a closed loop. */
export async function closedLoop(
  concurrency: number,
  seconds: number,
  op: (i: number) => Promise<unknown>,
): Promise<LoopResult> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const began = performance.now();
        try {
          await op(next++);
          latencies.push(performance.now() - began);
        } catch {
          failures++;
        }
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000, failures };
}

/**
 * Starts `op` at a fixed `rate` per second for `seconds` (an open loop) and waits for all of them;
 * `reasons` counts the failures by their error message.
 */
export async function atRate(
  rate: number,
  seconds: number,
  op: (i: number) => Promise<unknown>,
): Promise<{ issued: number; failures: number; reasons: Map<string, number> }> {
  const started = performance.now();
  const running: Array<Promise<unknown>> = [];
  let issued = 0;
  let failures = 0;
  const reasons = new Map<string, number>();
  const failed = (error: Error) => {
    failures++;
    const reason = error.message.replace(/\d+/g, 'N');
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  };
  for (;;) {
    const elapsed = (performance.now() - started) / 1000;
    if (elapsed >= seconds) break;
    for (const due = Math.floor(rate * elapsed); issued < due; issued++) {
      running.push(op(issued).catch(failed));
    }
    await sleep(2); // pacing the open loop, not waiting for a condition
  }
  await Promise.all(running);
  return { issued, failures, reasons };
}

/** Runs `op` for 0..count-1, `concurrency` at a time; returns the results in order. */
export async function pool<T>(
  count: number,
  concurrency: number,
  op: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await op(i);
      }
    }),
  );
  return results;
}
