import { channel } from 'node:diagnostics_channel';

/** One timed phase of the work of an app (e.g. a group commit's wait for its turn), in ms. */
export interface PhaseTiming {
  phase: string;
  ms: number;
}

/**
 * Where the apps report how long the phases of their hot paths take. Nothing listens in
 * production (a report then costs one property read); the bench's `--diagnose` preload
 * (scripts/bench/diagnose-preload.ts) subscribes and prints percentiles per phase and process.
 */
export const PHASE_TIMINGS = channel('app.phase-timings');

/** True when something listens: guard per-message reports with it (no string built for nothing). */
export function phasesWatched(): boolean {
  return PHASE_TIMINGS.hasSubscribers;
}

/** Reports that `phase` took `ms`, when something listens. */
export function reportPhase(phase: string, ms: number): void {
  if (PHASE_TIMINGS.hasSubscribers) PHASE_TIMINGS.publish({ phase, ms } satisfies PhaseTiming);
}

/** A clock for reportPhase: `since()` is ms from `started` (performance.now()). */
export function since(started: number): number {
  return performance.now() - started;
}
