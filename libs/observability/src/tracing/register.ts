/**
 * The tracing entry, loaded before the app: `node --import ./dist/libs/observability/src/tracing/register.js
 * dist/apps/<app>/src/main.js`. With neither OTEL_EXPORTER_OTLP_ENDPOINT nor TRACE_SPANS_FILE set it
 * loads no OpenTelemetry SDK at all: tracing off costs this file.
 */
import { spanDestination } from './tracing-switch.js';

const destination = spanDestination();
if (destination) {
  const { startTracing } = await import('./start-tracing.js');
  startTracing(serviceName(), destination);
}

/** OTEL_SERVICE_NAME, else the app's folder in dist/apps/<app>/src/main.js. */
function serviceName(): string {
  if (process.env.OTEL_SERVICE_NAME) return process.env.OTEL_SERVICE_NAME;
  const main = process.argv[1] ?? '';
  return /apps[/\\]([\w-]+)[/\\]/.exec(main)?.[1] ?? 'app';
}
