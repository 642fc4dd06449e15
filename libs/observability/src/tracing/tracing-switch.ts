/**
 * Whether this process records traces. Off unless the tracing entry (register.ts, loaded with
 * `node --import` before the app) started the SDK: then spans are made and exported; off, the
 * messaging and HTTP code skips every tracing call (no span, no header parsing beyond today's).
 */
let on = false;

export function tracingOn(): boolean {
  return on;
}

/** Called once the SDK runs (and by tests that install a tracer provider of their own). */
export function markTracingOn(value = true): void {
  on = value;
}

/** Where finished spans go, from the environment; undefined: tracing stays off. */
export type SpanDestination = { otlp: string } | { file: string };

/**
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `..._TRACES_ENDPOINT`) exports over OTLP/HTTP;
 * `TRACE_SPANS_FILE` writes each finished span as one JSON line to that file (tests);
 * `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none` keeps tracing off whatever else is set.
 */
export function spanDestination(env: NodeJS.ProcessEnv = process.env): SpanDestination | undefined {
  if (env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return undefined;
  if (env.TRACE_SPANS_FILE) return { file: env.TRACE_SPANS_FILE };
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return endpoint ? { otlp: endpoint } : undefined;
}
