import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { markTracingOn } from '#observability';

/**
 * Tracing on in the test process, into memory: `start()` in beforeAll, `stop()` in afterAll;
 * `finished()` are the spans ended so far (SimpleSpanProcessor: as soon as each ends). `others`
 * get every span too.
 */
export function inMemoryTracing(...others: SpanProcessor[]) {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter), ...others],
  });
  return {
    provider,
    finished: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    start: () => {
      provider.register();
      markTracingOn();
    },
    stop: async () => {
      markTracingOn(false);
      await provider.shutdown();
    },
  };
}
