import type { KafkaMessage } from 'kafkajs';
import {
  correlationIdFrom,
  logContextOf,
  runWithLogContext,
  withTraceContext,
} from '#observability';
import { TRACE_HEADER, TRACEPARENT_HEADER, headerValue } from '../../kafka/kafka-headers.js';
import type { Middleware } from '../pipeline.js';
import type { RequestMiddleware } from '../request-pipeline.js';
import { messageTraceContext } from './trace-messages.js';

/**
 * The log context of a message's work: its correlation and trace ids (malformed ones replaced,
 * never trusted); with tracing on, the trace id of the span at hand (traceRequests, traceSlice).
 */
function contextOf(message: KafkaMessage) {
  return logContextOf(
    correlationIdFrom(headerValue(message.headers, TRACE_HEADER)),
    headerValue(message.headers, TRACEPARENT_HEADER),
  );
}

/** Handles each request in its caller's log context: every line it writes names the client request. */
export function enterRequestLogContext(): RequestMiddleware {
  return (next) => (message, context) =>
    runWithLogContext(contextOf(message), () => next(message, context));
}

/**
 * Handles a slice in the log context of its messages when they all came from one client request
 * (one correlation id); a slice of several requests' messages is logged without one (a handler
 * working message by message enters each one's with withMessageContext).
 */
export function enterSliceLogContext(): Middleware {
  return (next) => (messages, context) => {
    const ids = new Set(messages.map((m) => headerValue(m.headers, TRACE_HEADER)));
    if (ids.size !== 1 || [...ids][0] === undefined) return next(messages, context);
    return runWithLogContext(contextOf(messages[0]), () => next(messages, context));
  };
}

/**
 * Runs `work` for one message of a slice in that message's trace (its consumer span) and log
 * context, whatever the rest of the slice: its lines and queries name the request that sent it.
 */
export function withMessageContext<T>(message: KafkaMessage, work: () => T): T {
  return withTraceContext(messageTraceContext(message), () =>
    headerValue(message.headers, TRACE_HEADER) === undefined
      ? work()
      : runWithLogContext(contextOf(message), work),
  );
}
