import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import Fastify, { type FastifyInstance } from 'fastify';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { httpServerDuration, measureHttpRequests } from './http-metrics.js';
import { serveMetrics } from './metrics-endpoint.js';
import { metricsRegistry } from './metrics-registry.js';

/** The histogram's request count for one label set, read from prom-client's own JSON. */
async function requestsCounted(labels: Record<string, string>): Promise<number> {
  const { values } = await httpServerDuration.get();
  const count = values.find(
    (v) =>
      v.metricName === 'http_server_request_duration_seconds_count' &&
      Object.entries(labels).every(
        ([name, value]) => (v.labels as Record<string, unknown>)[name] === value,
      ),
  );
  return count?.value ?? 0;
}

describe('HTTP server metrics and /metrics', () => {
  let fastify: FastifyInstance;
  let base: string;
  // Over a real socket: fastify.inject's light-my-request cannot load under Jest's ESM mode.
  const get = (path: string) => fetch(`${base}${path}`);

  beforeAll(async () => {
    fastify = Fastify();
    measureHttpRequests(fastify);
    serveMetrics({ getHttpAdapter: () => ({ getInstance: () => fastify }) } as INestApplication);
    fastify.get('/employees/:id', async (request, reply) =>
      reply.code(404).send({ id: (request.params as { id: string }).id }),
    );
    base = await fastify.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => fastify.close());

  it('labels a request by its route template, never by the path the client sent', async () => {
    await get('/employees/8f9e-secret-looking-id');
    const labels = {
      http_request_method: 'GET',
      http_route: '/employees/:id',
      http_response_status_code: '404',
    };
    expect(await requestsCounted(labels)).toBe(1);
    const { values } = await httpServerDuration.get();
    expect(
      values.some((v) => Object.values(v.labels).includes('/employees/8f9e-secret-looking-id')),
    ).toBe(false);
  });

  it('gives a path no route matched an empty route', async () => {
    await get('/no/such/thing');
    expect(await requestsCounted({ http_route: '', http_response_status_code: '404' })).toBe(1);
  });

  it('serves the registry as Prometheus text that a parser reads', async () => {
    const response = await get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(metricsRegistry.contentType);
    const families = parsePrometheusTextFormat(await response.text());
    expect(families.find((f) => f.name === 'http_server_request_duration_seconds')?.type).toBe(
      'HISTOGRAM',
    );
  });
});
