import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import { createAppLogger } from './app-logger.js';
import { CORRELATION_HEADER, bindHttpLogContext, fastifyLogging } from './http-log-context.js';
import { captureLogLines } from './log-capture.js';
import { currentLogContext } from './log-context.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('HTTP log context', () => {
  let fastify: FastifyInstance;
  let base: string;
  const { stream, text, lines } = captureLogLines();

  beforeAll(async () => {
    const logger = createAppLogger({
      service: 'gateway',
      level: 'log',
      format: 'json',
      destination: stream,
    });
    fastify = Fastify(fastifyLogging(logger)) as unknown as FastifyInstance;
    bindHttpLogContext(fastify);
    fastify.post('/echo', async (request, reply) => {
      // After the body was read: the context must still be there.
      logger.info({ size: JSON.stringify(request.body).length }, 'handled');
      return reply.header(CORRELATION_HEADER, currentLogContext()?.correlationId).send({});
    });
    base = await fastify.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => fastify.close());

  const post = (headers: Record<string, string>) =>
    fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ pad: 'x'.repeat(100_000) }),
    });

  it("puts the request's correlation and trace id on Fastify's lines and the app's, across the body", async () => {
    const response = await post({
      [CORRELATION_HEADER]: 'order-7',
      traceparent: `00-${TRACE}-00f067aa0ba902b7-01`,
    });
    expect(response.headers.get(CORRELATION_HEADER)).toBe('order-7');
    const mine = lines().filter((l) => l.correlationId === 'order-7');
    expect(mine.map((l) => l.msg)).toEqual(['incoming request', 'handled', 'request completed']);
    expect(mine.every((l) => l.traceId === TRACE)).toBe(true);
  });

  it('replaces a malformed correlation id, never echoing or logging it', async () => {
    const response = await post({
      [CORRELATION_HEADER]: 'x"} evil;{"level":60}',
      traceparent: 'nope',
    });
    const replaced = response.headers.get(CORRELATION_HEADER)!;
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    expect(text()).not.toContain('evil');
    const handled = lines().find((l) => l.correlationId === replaced && l.msg === 'handled');
    expect(handled?.traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('HTTP log context at LOG_LEVEL log (info)', () => {
  let fastify: FastifyInstance;
  let base: string;
  const { stream, lines } = captureLogLines();

  beforeAll(async () => {
    const logger = createAppLogger({ service: 'gateway', level: 'log', destination: stream });
    fastify = Fastify(fastifyLogging(logger, 'log')) as unknown as FastifyInstance;
    bindHttpLogContext(fastify);
    fastify.get('/warn', async (request, reply) => {
      request.log.warn('careful');
      return reply.send({});
    });
    base = await fastify.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => fastify.close());

  it("writes no line per request, and the request's own lines still carry both ids", async () => {
    await fetch(`${base}/warn`, {
      headers: { [CORRELATION_HEADER]: 'order-8', traceparent: `00-${TRACE}-00f067aa0ba902b7-01` },
    });
    const ofRequests = lines().filter((l) => !String(l.msg).startsWith('Server listening'));
    expect(ofRequests.map((l) => [l.msg, l.correlationId, l.traceId])).toEqual([
      ['careful', 'order-8', TRACE],
    ]);
  });
});
