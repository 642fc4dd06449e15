/**
 * How long a finished span waits in the BatchSpanProcessor before it is exported: 200 ms unless
 * OTEL_BSP_SCHEDULE_DELAY says otherwise (OpenTelemetry's own default is 5 s).
 *
 * Why not 5 s: with one request in ten traced, the gateway's extra CPU per request went mostly to
 * threads other than the main one (V8's background garbage collection and compilation), and less
 * so with 200 ms: spans held for seconds outlive the young generation's collections. In the same
 * run of the observability row, one in ten traced cost 16.3 % of the gateway's throughput with
 * 5 s and 8.1 % with 200 ms (docs/benchmarks.md). At 200 ms a process sends at most five exports
 * a second, each of up to 512 spans.
 */
export const SPAN_BATCH_DELAY_MS = 200;

/** The BatchSpanProcessor's options: the delay above, unless the environment names one. */
export function spanBatchOptions(env: NodeJS.ProcessEnv = process.env): {
  scheduledDelayMillis?: number;
} {
  return env.OTEL_BSP_SCHEDULE_DELAY ? {} : { scheduledDelayMillis: SPAN_BATCH_DELAY_MS };
}
