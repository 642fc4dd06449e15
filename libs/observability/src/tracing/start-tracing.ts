import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { SpanFileExporter } from './span-file-exporter.js';
import { markTracingOn, type SpanDestination } from './tracing-switch.js';

/** Probes and scrapes are not traced: they would bury the requests that matter. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

/**
 * Starts OpenTelemetry for this process: W3C trace context, AsyncLocalStorage context, spans for
 * incoming HTTP requests (the gateway's) and PostgreSQL queries made inside a trace, and the
 * messaging spans libs/messaging and libs/outbox make themselves (a tracer of the API). Must run
 * before Nest, Fastify and pg are loaded (register.ts, `node --import`).
 */
export function startTracing(service: string, destination: SpanDestination): NodeTracerProvider {
  const processor: SpanProcessor =
    'file' in destination
      ? new SimpleSpanProcessor(new SpanFileExporter(destination.file, service))
      : new BatchSpanProcessor(new OTLPTraceExporter()); // reads OTEL_EXPORTER_OTLP_* itself
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: service }),
    spanProcessors: [processor],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
        disableOutgoingRequestInstrumentation: true,
      }),
      // Queries outside a trace (the relay's polling, the backlog sampler) make no trace of their own.
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
    ],
  });
  // Spans still buffered for OTLP are sent while the app shuts down (Nest's hooks end the process).
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void provider.forceFlush().catch(() => undefined));
  }
  process.once('beforeExit', () => void provider.shutdown());
  markTracingOn();
  return provider;
}
