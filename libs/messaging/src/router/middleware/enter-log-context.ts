import type { KafkaMessage } from 'kafkajs';
import { correlationIdFrom, runWithLogContext, traceIdFrom } from '#observability';
import { TRACE_HEADER, TRACEPARENT_HEADER, headerValue } from '../../kafka/kafka-headers.js';
import type { Middleware } from '../pipeline.js';
import type { RequestMiddleware } from '../request-pipeline.js';

/** The correlation and trace ids a message carries (malformed ones replaced, never trusted). */
function contextOf(message: KafkaMessage) {
  return {
    correlationId: correlationIdFrom(headerValue(message.headers, TRACE_HEADER)),
    traceId: traceIdFrom(headerValue(message.headers, TRACEPARENT_HEADER)),
  };
}

/** Handles each request in its caller's log context: every line it writes names the client request. */
export function enterRequestLogContext(): RequestMiddleware {
  return (next) => (message, context) =>
    runWithLogContext(contextOf(message), () => next(message, context));
}

/**
 * Handles a slice in the log context of its messages when they all came from one client request
 * (one correlation id); a slice of several requests' messages is logged without one.
 */
export function enterSliceLogContext(): Middleware {
  return (next) => (messages, context) => {
    const ids = new Set(messages.map((m) => headerValue(m.headers, TRACE_HEADER)));
    if (ids.size !== 1 || [...ids][0] === undefined) return next(messages, context);
    return runWithLogContext(contextOf(messages[0]), () => next(messages, context));
  };
}
