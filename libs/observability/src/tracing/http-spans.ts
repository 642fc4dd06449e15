import { trace } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';
import { tracingOn } from './tracing-switch.js';

/**
 * Names each HTTP server span by its route template (`POST /employees`, never the path the client
 * sent) and sets `http.route`: the HTTP instrumentation alone knows only the method.
 */
export function nameHttpSpans(fastify: FastifyInstance): void {
  if (!tracingOn()) return;
  fastify.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions.url;
    const span = trace.getActiveSpan();
    if (span && route) {
      span.updateName(`${request.method} ${route}`);
      span.setAttribute('http.route', route);
    }
    done();
  });
}
