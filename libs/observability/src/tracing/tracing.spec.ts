import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ROOT_CONTEXT, SpanKind, context, trace } from '@opentelemetry/api';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  currentLogContext,
  logContextOf,
  runInSharedLogContext,
  runWithLogContext,
  type LogContext,
} from '../logging/log-context.js';
import { SpanFileExporter } from './span-file-exporter.js';
import type { SpanLine } from './span-line.js';
import {
  activeTraceId,
  activeTraceparent,
  contextOfTraceparent,
  inSpan,
  startSpan,
} from './trace-context.js';
import { SPAN_BATCH_DELAY_MS, spanBatchOptions } from './span-batching.js';
import { spanDestination } from './tracing-switch.js';
import { inMemoryTracing } from '#testing';

describe('tracing switch', () => {
  it('is off unless an OTLP endpoint or a spans file is named, and OTEL_SDK_DISABLED wins', () => {
    expect(spanDestination({})).toBeUndefined();
    expect(spanDestination({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })).toEqual({
      otlp: 'http://c:4318',
    });
    expect(spanDestination({ TRACE_SPANS_FILE: '/tmp/s' })).toEqual({ file: '/tmp/s' });
    expect(
      spanDestination({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c', OTEL_SDK_DISABLED: 'true' }),
    ).toBeUndefined();
  });

  it('off, the log trace id comes from a well-formed traceparent, else is fresh', () => {
    const tp = `00-${'c'.repeat(32)}-00f067aa0ba902b7-01`;
    expect(logContextOf('x', tp)).toEqual({ correlationId: 'x', traceId: 'c'.repeat(32) });
    expect(logContextOf('x', '00-xyz-abc-01').traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(activeTraceparent()).toBeUndefined();
  });
});

describe('tracing on', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'spans-')), 'app.jsonl');
  const tracing = inMemoryTracing(new SimpleSpanProcessor(new SpanFileExporter(file, 'people')));
  beforeAll(tracing.start);
  afterAll(tracing.stop);
  beforeEach(tracing.reset);

  /** A log context entered inside a fresh span of trace `traceId` (as the router does). */
  const enteredIn = (traceId: string, correlationId: string): LogContext => {
    const parent = contextOfTraceparent(`00-${traceId}-00f067aa0ba902b7-01`);
    const span = startSpan('process', { kind: SpanKind.CONSUMER }, parent);
    return context.with(trace.setSpan(parent, span), () => logContextOf(correlationId, 'ignored'));
  };

  it("logs the active span's trace id and names it in the traceparent passed on", () => {
    const log = enteredIn('d'.repeat(32), 'c-1');
    expect(log.traceId).toBe('d'.repeat(32));
    context.with(log.trace!, () => {
      expect(activeTraceparent()).toMatch(new RegExp(`^00-${'d'.repeat(32)}-[0-9a-f]{16}-01$`));
    });
  });

  it('runs shared work of one trace in it, and of several in a span of its own linked to each', async () => {
    const one = enteredIn('e'.repeat(32), 'c-2');
    const seen: Array<[string | undefined, string | undefined]> = [];
    const look = async () => void seen.push([activeTraceId(), currentLogContext()?.correlationId]);
    await context.with(ROOT_CONTEXT, () => runInSharedLogContext([one, one], look));
    const other = enteredIn('f'.repeat(32), 'c-3');
    await runWithLogContext(one, () => runInSharedLogContext([one, other], look, 'group commit'));
    expect(seen[0]).toEqual(['e'.repeat(32), 'c-2']);
    expect(seen[1][0]).not.toMatch(/^(e+|f+)$/); // a new trace
    expect(seen[1][1]).toBeUndefined(); // and no request's log context
    const group = tracing.finished().find((s) => s.name === 'group commit')!;
    expect(group.links.map((l) => l.context.traceId)).toEqual(['e'.repeat(32), 'f'.repeat(32)]);
  });

  it('writes each finished span as one JSON line, with its parent', () => {
    const parent = contextOfTraceparent(`00-${'1'.repeat(32)}-00f067aa0ba902b7-01`);
    startSpan('publish people.events', { kind: SpanKind.PRODUCER }, parent).end();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const last = JSON.parse(lines.at(-1)!) as SpanLine;
    expect(last).toMatchObject({
      service: 'people',
      traceId: '1'.repeat(32),
      parentSpanId: '00f067aa0ba902b7',
      name: 'publish people.events',
      kind: 'PRODUCER',
    });
  });

  it('makes no span inside a trace that is not sampled, and passes the parent on as it is', async () => {
    const unsampled = contextOfTraceparent(`00-${'2'.repeat(32)}-00f067aa0ba902b7-00`);
    const seen = await inSpan(
      'request people.find-by-ids',
      { kind: SpanKind.CLIENT },
      async () => [trace.getActiveSpan()?.spanContext().spanId, activeTraceparent()],
      unsampled,
    );
    expect(seen).toEqual(['00f067aa0ba902b7', `00-${'2'.repeat(32)}-00f067aa0ba902b7-00`]);
    const sampled = contextOfTraceparent(`00-${'3'.repeat(32)}-00f067aa0ba902b7-01`);
    await inSpan('request people.find-by-ids', { kind: SpanKind.CLIENT }, async () => {}, sampled);
    expect(tracing.finished().map((s) => [s.name, s.spanContext().traceId])).toEqual([
      ['request people.find-by-ids', '3'.repeat(32)],
    ]);
  });
});

describe('span batching', () => {
  it('exports finished spans after 200 ms unless OTEL_BSP_SCHEDULE_DELAY names a delay', () => {
    expect(spanBatchOptions({})).toEqual({ scheduledDelayMillis: SPAN_BATCH_DELAY_MS });
    expect(SPAN_BATCH_DELAY_MS).toBe(200);
    // OpenTelemetry's BatchSpanProcessor reads the variable itself when no option is given.
    expect(spanBatchOptions({ OTEL_BSP_SCHEDULE_DELAY: '1000' })).toEqual({});
  });
});
