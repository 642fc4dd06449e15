import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DURATION_BUCKETS, histogram, requestMetricsEnabled } from './metrics-registry.js';

/** OpenTelemetry's `http.server.request.duration`, in Prometheus naming. */
export const httpServerDuration = histogram({
  name: 'http_server_request_duration_seconds',
  help: 'Duration of HTTP server requests, by method, route template and status code.',
  labelNames: ['http_request_method', 'http_route', 'http_response_status_code'] as const,
  buckets: DURATION_BUCKETS,
});

/** Methods kept as they are; any other is `_OTHER` (OpenTelemetry's rule), never the client's text. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Times every response. The route is Fastify's template (`/employees/:id`), never the path the
 * client sent; a request no route matched has an empty route. Nothing when METRICS_ENABLED=false.
 */
export function measureHttpRequests(fastify: FastifyInstance): void {
  if (!requestMetricsEnabled()) return;
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done) => {
    httpServerDuration.observe(
      {
        http_request_method: KNOWN_METHODS.has(request.method) ? request.method : '_OTHER',
        http_route: request.routeOptions.url ?? '',
        http_response_status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
