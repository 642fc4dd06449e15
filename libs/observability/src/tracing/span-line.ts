/** One finished span as a line of the spans file: what a test asserts a trace's tree with. */
export interface SpanLine {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** SpanKind's name: SERVER, CLIENT, PRODUCER, CONSUMER, INTERNAL. */
  kind: string;
  startUs: number;
  endUs: number;
  status: number;
  attributes: Record<string, unknown>;
  links: Array<{ traceId: string; spanId: string }>;
}
