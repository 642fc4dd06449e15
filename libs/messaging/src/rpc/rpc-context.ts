import type { KafkaContext } from '@nestjs/microservices';
import {
  DEADLINE_HEADER,
  RPC_HEADERS,
  IDEMPOTENCY_KEY_HEADER,
  TRACE_HEADER,
  headerValue,
} from '../kafka/kafka-headers.js';
import type { WriteContext } from '#core';

/** The correlation id the caller sent with a request, or null. */
export function correlationIdOf(context: KafkaContext): string | null {
  return headerValue(context.getMessage().headers, TRACE_HEADER) ?? null;
}

/** The caller's deadline (epoch ms), when it sent one. */
export function deadlineOf(context: KafkaContext): number | undefined {
  const deadline = Number(headerValue(context.getMessage().headers, DEADLINE_HEADER));
  return Number.isFinite(deadline) && deadline > 0 ? deadline : undefined;
}

/** Correlation id, deadline, idempotency key and request id of a write request. */
export function writeContextOf(context: KafkaContext): WriteContext {
  const idempotencyKey = headerValue(context.getMessage().headers, IDEMPOTENCY_KEY_HEADER);
  return {
    correlationId: correlationIdOf(context),
    deadline: deadlineOf(context),
    idempotencyKey: idempotencyKey || undefined,
    requestId: headerValue(context.getMessage().headers, RPC_HEADERS.correlationId) || undefined,
  };
}
