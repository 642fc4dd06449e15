import type { INestApplication } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { metricsRegistry } from './metrics-registry.js';

export const METRICS_PATH = '/metrics';

/**
 * Serves the registry as Prometheus text at `/metrics`, on the app's Fastify instance itself: no
 * Nest guard, interceptor or dependency is on the way, so it answers while the database or Kafka
 * is down (every figure is kept in memory; nothing is fetched at scrape time).
 */
export function serveMetrics(app: INestApplication): void {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.get(METRICS_PATH, async (_request, reply) => {
    const body = await metricsRegistry.metrics();
    return reply.header('content-type', metricsRegistry.contentType).send(body);
  });
}
