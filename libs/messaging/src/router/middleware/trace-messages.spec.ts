import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { KafkaMessage } from 'kafkajs';
import { activeTraceId, currentLogContext } from '#observability';
import { inMemoryTracing } from '#testing';
import { withMessageContext } from './enter-log-context.js';
import { traceRequests, traceSlice } from './trace-messages.js';

const TRACE_A = 'a'.repeat(32);
const TRACE_B = 'b'.repeat(32);
const message = (offset: number, traceId?: string, correlationId?: string): KafkaMessage => ({
  key: null,
  value: Buffer.from('{}'),
  offset: String(offset),
  timestamp: '0',
  attributes: 0,
  headers: {
    ...(traceId ? { traceparent: Buffer.from(`00-${traceId}-00f067aa0ba902b7-01`) } : {}),
    ...(correlationId ? { 'correlation-id': Buffer.from(correlationId) } : {}),
  },
});
const context = {
  topic: 'people.events',
  partition: 0,
  heartbeat: async () => undefined,
  running: () => true,
};

describe('trace middleware of the router', () => {
  const tracing = inMemoryTracing();
  beforeAll(tracing.start);
  afterAll(tracing.stop);
  beforeEach(tracing.reset);
  const finished = tracing.finished;

  it('gives each message of a slice a consumer span in its own trace, child of its sender', async () => {
    let seen: string | undefined = 'unset';
    const handle = traceSlice()(async () => {
      seen = activeTraceId();
    });
    await handle([message(1, TRACE_A), message(2, TRACE_B)], context);
    expect(
      finished().map((s) => [s.name, s.spanContext().traceId, s.parentSpanContext?.spanId]),
    ).toEqual([
      ['process people.events', TRACE_A, '00f067aa0ba902b7'],
      ['process people.events', TRACE_B, '00f067aa0ba902b7'],
    ]);
    expect(seen).toBeUndefined(); // a slice of two traces runs in neither
  });

  it("runs a slice of one trace in it, and a message's work in its own span and log context", async () => {
    const inside: Array<[string | undefined, string | undefined]> = [];
    const first = message(1, TRACE_A, 'hire-1');
    const second = message(2, TRACE_B, 'hire-2');
    await traceSlice()(async (messages) => {
      for (const m of messages) {
        withMessageContext(m, () =>
          inside.push([activeTraceId(), currentLogContext()?.correlationId]),
        );
      }
    })([first, second], context);
    expect(inside).toEqual([
      [TRACE_A, 'hire-1'],
      [TRACE_B, 'hire-2'],
    ]);
    let seen: string | undefined;
    await traceSlice()(async () => {
      seen = activeTraceId();
    })([message(3, TRACE_A), message(4, TRACE_A)], context);
    expect(seen).toBe(TRACE_A);
  });

  it('ends the spans of a failed slice as failed, and starts a new trace for a malformed traceparent', async () => {
    const bad = message(1);
    bad.headers!.traceparent = Buffer.from('00-xyz-abc-01');
    await expect(
      traceSlice()(async () => {
        throw new Error('database down');
      })([bad], context),
    ).rejects.toThrow('database down');
    const [span] = finished();
    expect(span.status.code).toBe(2); // ERROR
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('handles each request in a consumer span of its caller', async () => {
    let seen: string | undefined;
    await traceRequests()(async () => {
      seen = activeTraceId();
    })(message(1, TRACE_A), { ...context, topic: 'people.get' });
    expect(seen).toBe(TRACE_A);
    expect(finished().map((s) => s.name)).toEqual(['process people.get']);
  });
});
