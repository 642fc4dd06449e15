import { trace, type Context } from '@opentelemetry/api';
import type { KafkaMessage } from 'kafkajs';
import {
  SpanKind,
  contextOfTraceparent,
  endSpan,
  inSpan,
  startSpan,
  tracingOn,
  withTraceContext,
} from '#observability';
import { TRACEPARENT_HEADER, headerValue } from '../../kafka/kafka-headers.js';
import type { Middleware, SliceContext } from '../pipeline.js';
import type { RequestMiddleware } from '../request-pipeline.js';

/** OpenTelemetry's messaging attributes of a message read from `context`'s partition. */
function processAttributes(message: KafkaMessage, context: SliceContext) {
  return {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.destination.name': context.topic,
    'messaging.destination.partition.id': String(context.partition),
    'messaging.kafka.offset': Number(message.offset),
  };
}

/** The context of the trace a message's `traceparent` continues (none: a new trace). */
function senderContext(message: KafkaMessage): Context {
  return contextOfTraceparent(headerValue(message.headers, TRACEPARENT_HEADER));
}

/** Each request is handled in a span of its own, child of the caller's (its `traceparent`). */
export function traceRequests(): RequestMiddleware {
  return (next) => (message, context) => {
    if (!tracingOn()) return next(message, context);
    const options = { kind: SpanKind.CONSUMER, attributes: processAttributes(message, context) };
    return inSpan(
      `process ${context.topic}`,
      options,
      () => next(message, context),
      senderContext(message),
    );
  };
}

/** Each message's span while its slice is handled (for withMessageContext). */
const messageSpans = new WeakMap<KafkaMessage, Context>();

/**
 * Continues each message's trace: a consumer span per message, child of its sender's, open while
 * its slice is handled (kafkajs's instrumentation would start one trace per batch). A slice whose
 * messages share one trace runs in it; a slice of several traces runs in none of them, and a
 * handler that works message by message enters each one's with withMessageContext.
 */
export function traceSlice(): Middleware {
  return (next) => async (messages, context) => {
    if (!tracingOn()) return next(messages, context);
    const contexts = messages.map((message) => {
      const parent = senderContext(message);
      const options = { kind: SpanKind.CONSUMER, attributes: processAttributes(message, context) };
      const span = startSpan(`process ${context.topic}`, options, parent);
      const own = trace.setSpan(parent, span);
      messageSpans.set(message, own);
      return own;
    });
    const traceIds = new Set(contexts.map((c) => trace.getSpan(c)!.spanContext().traceId));
    const sliceContext = traceIds.size === 1 ? contexts[0] : undefined;
    let failure: unknown;
    try {
      await withTraceContext(sliceContext, () => next(messages, context));
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      for (const own of contexts) endSpan(trace.getSpan(own)!, failure);
    }
  };
}

/** The trace context of a message being handled by an event route (undefined: tracing off). */
export function messageTraceContext(message: KafkaMessage): Context | undefined {
  return messageSpans.get(message);
}
