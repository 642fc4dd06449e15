import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import Fastify, { type FastifyInstance } from 'fastify';
import { inMemoryTracing } from '#testing';
import { bindHttpLogContext } from '../logging/http-log-context.js';
import { currentLogContext } from '../logging/log-context.js';
import { traceHttpRequests } from './http-spans.js';
import { activeTraceId } from './trace-context.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN = '00f067aa0ba902b7';

describe('HTTP server spans from Fastify hooks', () => {
  const tracing = inMemoryTracing();
  let fastify: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    tracing.start();
    fastify = Fastify();
    traceHttpRequests(fastify);
    bindHttpLogContext(fastify);
    // Answers which trace it ran in, after the body was read (where an unbound context is lost).
    fastify.post('/employees/:id', async (request) => ({
      active: activeTraceId(),
      logged: currentLogContext()?.traceId,
      size: JSON.stringify(request.body).length,
    }));
    fastify.get('/health', async () => ({ active: activeTraceId() ?? null }));
    fastify.get('/fails', async () => {
      throw new Error('boom');
    });
    base = await fastify.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await fastify.close();
    await tracing.stop();
  });
  beforeEach(tracing.reset);

  const post = (headers: Record<string, string>) =>
    fetch(`${base}/employees/42?secret=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ pad: 'x'.repeat(100_000) }),
    });

  it("makes one SERVER span named by the route template, child of the client's traceparent", async () => {
    const answer = await post({ traceparent: `00-${TRACE}-${CLIENT_SPAN}-01` });
    expect(await answer.json()).toMatchObject({ active: TRACE, logged: TRACE });
    const [span] = tracing.finished();
    expect(tracing.finished()).toHaveLength(1);
    expect(span.name).toBe('POST /employees/:id');
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.spanContext().traceId).toBe(TRACE);
    expect(span.parentSpanContext?.spanId).toBe(CLIENT_SPAN);
    expect(span.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/employees/:id',
      'http.response.status_code': 200,
    });
    expect(JSON.stringify(span.attributes)).not.toContain('secret'); // no raw path or query
  });

  it('starts a new trace for a malformed traceparent, and never takes its ids', async () => {
    const answer = await post({ traceparent: '00-xyz-abc-01' });
    const { active } = (await answer.json()) as { active: string };
    const [span] = tracing.finished();
    expect(active).toMatch(/^[0-9a-f]{32}$/);
    expect(span.spanContext().traceId).toBe(active);
    expect(span.parentSpanContext).toBeUndefined();
  });

  it('fails the span on a 5xx, names an unmatched route by its method, and skips probes', async () => {
    expect((await fetch(`${base}/fails`)).status).toBe(500);
    expect((await fetch(`${base}/no/such/route`)).status).toBe(404);
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ active: null });
    const spans = tracing.finished();
    expect(spans.map((s) => s.name)).toEqual(['GET /fails', 'GET']);
    expect(spans[0].status.code).toBe(SpanStatusCode.ERROR);
    expect(spans[1].status.code).toBe(SpanStatusCode.UNSET);
    expect(spans[1].attributes['http.response.status_code']).toBe(404);
  });
});
