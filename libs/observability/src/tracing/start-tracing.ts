import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { instrumentPg } from './instrument-pg.js';
import { spanBatchOptions } from './span-batching.js';
import { SpanFileExporter } from './span-file-exporter.js';
import { markTracingOn, type SpanDestination } from './tracing-switch.js';

/**
 * Starts OpenTelemetry for this process: W3C trace context, AsyncLocalStorage context, spans for
 * PostgreSQL queries made inside a trace, and the spans our own code makes through the API's
 * tracer (the gateway's HTTP requests, http-spans.ts; the messaging spans of libs/messaging and
 * libs/outbox). Must run before pg is loaded (register.ts, `node --import`).
 */
export function startTracing(service: string, destination: SpanDestination): NodeTracerProvider {
  const processor: SpanProcessor =
    'file' in destination
      ? new SimpleSpanProcessor(new SpanFileExporter(destination.file, service))
      : // Both read OTEL_EXPORTER_OTLP_* and OTEL_BSP_* themselves; spanBatchOptions sets the delay.
        new BatchSpanProcessor(new OTLPTraceExporter(), spanBatchOptions());
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: service }),
    spanProcessors: [processor],
  });
  provider.register();
  instrumentPg(provider);
  // Spans still buffered for OTLP are sent while the app shuts down (Nest's hooks end the process).
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void provider.forceFlush().catch(() => undefined));
  }
  process.once('beforeExit', () => void provider.shutdown());
  markTracingOn();
  return provider;
}
