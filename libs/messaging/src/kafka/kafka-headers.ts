import type { IHeaders } from 'kafkajs';
import { EVENT_HEADERS } from '#contracts';

/** Headers of Nest's Kafka request/reply protocol, which ServerKafka reads and writes. */
export const RPC_HEADERS = {
  correlationId: 'kafka_correlationId',
  replyTopic: 'kafka_replyTopic',
  replyPartition: 'kafka_replyPartition',
  error: 'kafka_nest-err',
  disposed: 'kafka_nest-is-disposed',
} as const;

/** Header carrying the caller's correlation id (x-correlation-id at the gateway). */
export const TRACE_HEADER = 'correlation-id';

/** W3C Trace Context: the trace a message belongs to (its trace id is in every log line). */
export const TRACEPARENT_HEADER = 'traceparent';

/** Epoch milliseconds after which the caller has given up; a server skips such a request. */
export const DEADLINE_HEADER = 'request-deadline';

/** The client's Idempotency-Key, passed from the gateway to the service that writes. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** Reads one header as a string, whatever kafkajs handed over. */
export function headerValue(headers: IHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined ? undefined : value.toString();
}

/**
 * Headers of an event message: its type and id, and the correlation id and trace (`traceparent`)
 * of the request that caused it when there are.
 */
export function eventHeaders(
  type: string,
  eventId: string,
  correlationId: string | null,
  traceparent?: string | null,
): Record<string, string> {
  const headers: Record<string, string> = {
    [EVENT_HEADERS.type]: type,
    [EVENT_HEADERS.id]: eventId,
  };
  if (correlationId) headers[TRACE_HEADER] = correlationId;
  if (traceparent) headers[TRACEPARENT_HEADER] = traceparent;
  return headers;
}
