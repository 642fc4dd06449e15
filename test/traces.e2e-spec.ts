import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { KafkaEnvSchema } from '#config';
import { waitFor } from '#devstack';
import { ConsumerEngine, createKafka, traceSlice } from '#messaging';
import type { SpanLine } from '#observability';
import { SpanFiles, TestStack, http, inMemoryTracing } from '#testing';

const APPS = ['gateway', 'people', 'companies', 'employment'] as const;
const JSON_LOGS = { LOG_LEVEL: 'debug', LOG_FORMAT: 'json' };
/** The client's own span, parent of the gateway's: the trace the test starts. */
const CLIENT_SPAN = '00f067aa0ba902b7';

/**
 * One hire is one trace, asserted span by span with its parent links. Each app writes its finished
 * spans as JSON lines to a file of its own (TRACE_SPANS_FILE: a SimpleSpanProcessor, so a span is
 * there once it ended, no receiver and no flush to wait for); the test process itself consumes
 * employment.events through the router's traceSlice middleware with an in-memory exporter.
 */
describe('traces: one POST /employees is one trace, from the gateway to a consumer of its event', () => {
  const files = new SpanFiles();
  const stack = new TestStack(
    {},
    Object.fromEntries(APPS.map((app) => [app, { ...files.envOf(app), ...JSON_LOGS }])) as Record<
      string,
      Record<string, string>
    >,
  );
  const tracing = inMemoryTracing();
  const consumed: string[] = [];
  let consumer: ConsumerEngine;

  beforeAll(async () => {
    tracing.start();
    consumer = new ConsumerEngine(createKafka(KafkaEnvSchema.parse(process.env), 'test-traces'), {
      groupId: `test-traces-${randomUUID()}`,
      topics: ['employment.events'],
      fromBeginning: false,
      mode: 'in-order',
      handle: traceSlice()(async (messages) => {
        consumed.push(...messages.map((m) => m.headers?.traceparent?.toString() ?? ''));
      }),
    });
    await Promise.all([
      stack.start({ people: 1, companies: 1, employment: 1, gateway: 1 }),
      consumer.start(),
    ]);
    await waitFor('the test consumer in its group', async () => consumer.hasJoined || undefined);
  });
  afterAll(async () => {
    await consumer?.stop();
    await stack.stop();
    await tracing.stop();
    files.remove();
  });

  /** The trace ids of the apps' log lines of one correlation id, by app. */
  const loggedTraceIds = (correlationId: string) => {
    const byApp = new Map<string, Set<string>>();
    for (const raw of stack.output) {
      const match = /^\[(\w+)-\d+\] (\{.*)$/.exec(raw);
      if (!match) continue;
      const line = JSON.parse(match[2]) as { correlationId?: string; traceId?: string };
      if (line.correlationId !== correlationId) continue;
      byApp.set(match[1], (byApp.get(match[1]) ?? new Set()).add(line.traceId!));
    }
    return byApp;
  };

  /** Every span of `traceId`: the apps' and the test consumer's. */
  const spansOf = (traceId: string): SpanLine[] => [
    ...files.spans(APPS).filter((s) => s.traceId === traceId),
    ...tracing
      .finished()
      .filter((s) => s.spanContext().traceId === traceId)
      .map((s) => ({
        service: 'test',
        traceId,
        spanId: s.spanContext().spanId,
        parentSpanId: s.parentSpanContext?.spanId,
        name: s.name,
        kind: ['INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'][s.kind],
        startUs: 0,
        endUs: 0,
        status: s.status.code,
        attributes: { ...s.attributes },
        links: [],
      })),
  ];

  it('links gateway → employment → lookups → pg → outbox publish → consumer, parent to child', async () => {
    const [person, company] = await Promise.all([
      http('POST', `${stack.gatewayUrl}/people`, { fullName: 'Kelly Jetson' }),
      http('POST', `${stack.gatewayUrl}/companies`, { name: 'IBM', country: 'US' }),
    ]);
    const traceId = randomBytes(16).toString('hex');
    const hired = await http(
      'POST',
      `${stack.gatewayUrl}/employees`,
      { personId: person.body.id, companyId: company.body.id, cardId: 1 },
      { traceparent: `00-${traceId}-${CLIENT_SPAN}-01` },
    );
    expect(hired.status).toBe(201);

    // The gateway's span ends at Fastify's onResponse, which may come after the client has its answer.
    const spans = await waitFor(
      "the test consumer's and the gateway's spans of the hire",
      async () => {
        const all = spansOf(traceId);
        const has = (service: string) => all.some((s) => s.service === service);
        return has('test') && has('gateway') ? all : undefined;
      },
    );
    const one = (service: string, name: string): SpanLine => {
      const found = spans.filter((s) => s.service === service && s.name === name);
      expect({ service, name, count: found.length }).toEqual({ service, name, count: 1 });
      return found[0];
    };
    const childrenOf = (parent: SpanLine) => spans.filter((s) => s.parentSpanId === parent.spanId);
    const queries = (parent: SpanLine) =>
      childrenOf(parent)
        .map((s) => s.attributes['db.query.text'])
        .filter((text): text is string => typeof text === 'string');

    const request = one('gateway', 'POST /employees');
    expect(request).toMatchObject({ kind: 'SERVER', parentSpanId: CLIENT_SPAN });
    expect(request.attributes['http.route']).toBe('/employees');
    const hireCall = one('gateway', 'request employment.hire');
    expect(hireCall).toMatchObject({ kind: 'CLIENT', parentSpanId: request.spanId });
    const hiring = one('employment', 'process employment.hire');
    expect(hiring).toMatchObject({ kind: 'CONSUMER', parentSpanId: hireCall.spanId });

    for (const party of ['people', 'companies'] as const) {
      const lookup = one('employment', `request ${party}.find-by-ids`);
      expect(lookup).toMatchObject({ kind: 'CLIENT', parentSpanId: hiring.spanId });
      const answer = one(party, `process ${party}.find-by-ids`);
      expect(answer).toMatchObject({ kind: 'CONSUMER', parentSpanId: lookup.spanId });
      expect(queries(answer).some((q) => /^SELECT/i.test(q))).toBe(true);
    }
    expect(queries(hiring)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/INSERT INTO "?employees?"?/i),
        expect.stringMatching(/INSERT INTO outbox/),
      ]),
    );

    const publish = one('employment', 'publish employment.events');
    expect(publish).toMatchObject({ kind: 'PRODUCER', parentSpanId: hiring.spanId });
    const consumerSpan = one('test', 'process employment.events');
    expect(consumerSpan).toMatchObject({ kind: 'CONSUMER', parentSpanId: publish.spanId });
    expect(consumed).toContain(`00-${traceId}-${publish.spanId}-01`);

    // One tree: every span's parent is a span of the trace, or the client's.
    const ids = new Set([...spans.map((s) => s.spanId), CLIENT_SPAN]);
    expect(spans.filter((s) => !ids.has(s.parentSpanId ?? ''))).toEqual([]);
  });

  it("continues a trace in an app's own event consumer: a person's deletion ends their employments", async () => {
    const person = await http('POST', `${stack.gatewayUrl}/people`, { fullName: 'Judy Jetson' });
    const company = await http('POST', `${stack.gatewayUrl}/companies`, {
      name: 'Spacely',
      country: 'US',
    });
    const hire = { personId: person.body.id, companyId: company.body.id, cardId: 2 };
    expect((await http('POST', `${stack.gatewayUrl}/employees`, hire)).status).toBe(201);
    const traceId = randomBytes(16).toString('hex');
    const deleted = await http(
      'DELETE',
      `${stack.gatewayUrl}/people/${person.body.id}`,
      undefined,
      {
        traceparent: `00-${traceId}-${CLIENT_SPAN}-01`,
      },
    );
    expect(deleted.status).toBe(204);

    const spans = await waitFor('the employment span ending the employment', async () => {
      const all = spansOf(traceId);
      return all.some((s) => s.service === 'employment' && s.name === 'process people.events')
        ? all
        : undefined;
    });
    const byName = (service: string, name: string) =>
      spans.filter((s) => s.service === service && s.name === name);
    const [deleting] = byName('people', 'process people.delete');
    const [publish] = byName('people', 'publish people.events');
    const [ending] = byName('employment', 'process people.events');
    expect(publish?.parentSpanId).toBe(deleting?.spanId);
    expect(ending).toMatchObject({ kind: 'CONSUMER', parentSpanId: publish.spanId });
    const endingQueries = spans
      .filter((s) => s.parentSpanId === ending.spanId)
      .map((s) => String(s.attributes['db.query.text']));
    expect(endingQueries.some((q) => /UPDATE\s+"?employees"?/i.test(q))).toBe(true);
  });

  it('logs the OpenTelemetry trace id; a malformed traceparent starts a new trace, never echoed', async () => {
    const correlationId = `traces-${randomUUID()}`;
    const created = await http(
      'POST',
      `${stack.gatewayUrl}/people`,
      { fullName: 'Elroy Jetson' },
      { 'x-correlation-id': correlationId, traceparent: '00-xyz-abc-01' },
    );
    expect(created.status).toBe(201);
    const byApp = await waitFor("the people relay's line and the gateway's span", async () => {
      const ids = loggedTraceIds(correlationId);
      const gateway = ids.get('gateway');
      const spanWritten =
        gateway && spansOf([...gateway][0]).some((s) => s.name === 'POST /people');
      return spanWritten && ids.get('people')?.size ? ids : undefined;
    });
    const [traceId] = [...byApp.get('gateway')!];
    expect([...byApp.values()].map((ids) => [...ids])).toEqual(
      [...byApp.keys()].map(() => [traceId]),
    );
    const gatewaySpan = spansOf(traceId).find((s) => s.name === 'POST /people');
    expect(gatewaySpan).toMatchObject({ service: 'gateway', kind: 'SERVER' });
    expect(gatewaySpan!.parentSpanId).toBeUndefined();
  });
});
