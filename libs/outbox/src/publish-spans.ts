import {
  SpanKind,
  contextOfTraceparent,
  endSpan,
  startSpan,
  tracingOn,
  type Span,
} from '#observability';

interface PublishedRow {
  topic: string;
  event_type: string;
  event_id: string;
  traceparent: string | null;
}

/**
 * One producer span per row, child of the span that wrote it (its `traceparent`): the relay works
 * outside any request, so without the row's trace its send would start a trace of its own.
 * Nothing while tracing is off.
 */
export function startPublishSpans(rows: PublishedRow[]): Array<Span | undefined> {
  if (!tracingOn()) return [];
  return rows.map((row) =>
    startSpan(
      `publish ${row.topic}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'send',
          'messaging.destination.name': row.topic,
          'messaging.message.id': row.event_id,
          'event.type': row.event_type,
        },
      },
      contextOfTraceparent(row.traceparent),
    ),
  );
}

/** Ends the spans once the broker acknowledged the batch (or refused it: `error`). */
export function endPublishSpans(spans: Array<Span | undefined>, error?: unknown): void {
  for (const span of spans) if (span) endSpan(span, error);
}
