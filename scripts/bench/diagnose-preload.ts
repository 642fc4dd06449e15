/**
 * Loaded into every app by `npm run bench -- --diagnose` (APP_NODE_ARGS="--import=<this file>"):
 * measures the event-loop delay (perf_hooks.monitorEventLoopDelay), GC pauses and the phases the
 * apps report on PHASE_TIMINGS (libs/core: group-commit waits, fetch delays, request round trips,
 * outbox relay). On SIGWINCH it appends what it saw since the last SIGWINCH to
 * `$BENCH_DIAG_DIR/<pid>.jsonl` as one line (a DiagnoseSnapshot) and starts again.
 */
import { appendFileSync } from 'node:fs';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { PHASE_TIMINGS, type PhaseTiming } from '#core';
import { summarize, type DiagnoseSnapshot } from './diagnose-summary.js';

const dir = process.env.BENCH_DIAG_DIR;
const RESOLUTION_MS = 5;
const delayMs = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
if (dir) {
  // Its samples include the timer's own period: RESOLUTION_MS is taken off what it reports.
  const loopDelay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  loopDelay.enable();
  let gc: number[] = [];
  let majorGcMs = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.push(entry.duration);
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorGcMs += entry.duration;
    }
  }).observe({ entryTypes: ['gc'] });
  let phases = new Map<string, number[]>();
  PHASE_TIMINGS.subscribe((message) => {
    const { phase, ms } = message as PhaseTiming;
    let values = phases.get(phase);
    if (!values) phases.set(phase, (values = []));
    values.push(ms);
  });
  let since = Date.now();
  process.on('SIGWINCH', () => {
    const snapshot: DiagnoseSnapshot = {
      pid: process.pid,
      seconds: (Date.now() - since) / 1000,
      loopDelayMs: {
        p50: delayMs(loopDelay.percentile(50)),
        p99: delayMs(loopDelay.percentile(99)),
        max: delayMs(loopDelay.max),
      },
      gc: { ...summarize(gc), totalMs: gc.reduce((a, b) => a + b, 0), majorMs: majorGcMs },
      phases: Object.fromEntries([...phases].map(([phase, values]) => [phase, summarize(values)])),
    };
    appendFileSync(`${dir}/${process.pid}.jsonl`, `${JSON.stringify(snapshot)}\n`);
    loopDelay.reset();
    gc = [];
    majorGcMs = 0;
    phases = new Map();
    since = Date.now();
  });
}
