import type { KafkaContext } from '@nestjs/microservices';
import { DEADLINE_HEADER, TRACE_HEADER, headerValue } from '../kafka/kafka-headers.js';

/** The correlation id the caller sent with a request, or null. */
export function correlationIdOf(context: KafkaContext): string | null {
  return headerValue(context.getMessage().headers, TRACE_HEADER) ?? null;
}

/** True when the caller stopped waiting for this request before it reached us. */
export function isExpired(context: KafkaContext, now = Date.now()): boolean {
  const deadline = Number(headerValue(context.getMessage().headers, DEADLINE_HEADER));
  return Number.isFinite(deadline) && deadline > 0 && now > deadline;
}
