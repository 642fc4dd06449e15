import { appendFileSync } from 'node:fs';
import { ExportResultCode, hrTimeToMicroseconds, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { SpanLine } from './span-line.js';

const KINDS = ['INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];

/**
 * Writes each finished span as one JSON line to `path` (appended synchronously: with a
 * SimpleSpanProcessor a span is in the file as soon as it ended, so a test reading the files of
 * several processes sees a finished request's spans without waiting for a flush).
 */
export class SpanFileExporter implements SpanExporter {
  constructor(
    private readonly path: string,
    private readonly service: string,
  ) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    try {
      appendFileSync(this.path, spans.map((s) => `${JSON.stringify(this.lineOf(s))}\n`).join(''));
      done({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      done({ code: ExportResultCode.FAILED, error: error as Error });
    }
  }

  async shutdown(): Promise<void> {}

  async forceFlush(): Promise<void> {}

  private lineOf(span: ReadableSpan): SpanLine {
    const context = span.spanContext();
    return {
      service: this.service,
      traceId: context.traceId,
      spanId: context.spanId,
      parentSpanId: span.parentSpanContext?.spanId,
      name: span.name,
      kind: KINDS[span.kind] ?? String(span.kind),
      startUs: hrTimeToMicroseconds(span.startTime),
      endUs: hrTimeToMicroseconds(span.endTime),
      status: span.status.code,
      attributes: { ...span.attributes },
      links: span.links.map((l) => ({ traceId: l.context.traceId, spanId: l.context.spanId })),
    };
  }
}
