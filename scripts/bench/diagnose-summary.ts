import { percentile } from './stats.js';

/** count, p50, p99 and max of a set of durations (ms). */
export interface Durations {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** What one app saw between two SIGWINCH (scripts/bench/diagnose-preload.ts). */
export interface DiagnoseSnapshot {
  pid: number;
  seconds: number;
  loopDelayMs: { p50: number; p99: number; max: number };
  gc: Durations & { totalMs: number; majorMs: number };
  phases: Record<string, Durations>;
}

export function summarize(values: number[]): Durations {
  return {
    count: values.length,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: values.reduce((a, b) => Math.max(a, b), 0),
  };
}
