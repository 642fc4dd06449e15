import type { KafkaContext } from '@nestjs/microservices';
import {
  DEADLINE_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  TRACE_HEADER,
  headerValue,
} from '../kafka/kafka-headers.js';
import { DependencyUnavailableError } from './rpc-errors.js';

/** What a write handler needs from its request besides the payload. */
export interface WriteContext {
  correlationId: string | null;
  /** Epoch ms after which the caller has given up: nothing may commit after it. */
  deadline?: number;
  /** The client's Idempotency-Key: a second request with it gets the first one's result. */
  idempotencyKey?: string;
}

/** Time kept between commit and the caller's deadline, for the reply to reach it. */
const REPLY_MARGIN_MS = 50;

/** The correlation id the caller sent with a request, or null. */
export function correlationIdOf(context: KafkaContext): string | null {
  return headerValue(context.getMessage().headers, TRACE_HEADER) ?? null;
}

/** The caller's deadline (epoch ms), when it sent one. */
export function deadlineOf(context: KafkaContext): number | undefined {
  const deadline = Number(headerValue(context.getMessage().headers, DEADLINE_HEADER));
  return Number.isFinite(deadline) && deadline > 0 ? deadline : undefined;
}

/** Correlation id, deadline and idempotency key of a write request. */
export function writeContextOf(context: KafkaContext): WriteContext {
  const idempotencyKey = headerValue(context.getMessage().headers, IDEMPOTENCY_KEY_HEADER);
  return {
    correlationId: correlationIdOf(context),
    deadline: deadlineOf(context),
    idempotencyKey: idempotencyKey || undefined,
  };
}

/** True when the caller stopped waiting for this request before it reached us. */
export function isExpired(context: KafkaContext, now = Date.now()): boolean {
  const deadline = deadlineOf(context);
  return deadline !== undefined && now > deadline;
}

/** Throws (so the transaction rolls back) when the caller's answer could no longer reach it in time. */
export function assertBeforeDeadline(deadline: number | undefined, now = Date.now()): void {
  if (deadline !== undefined && now > deadline - REPLY_MARGIN_MS) {
    throw new DependencyUnavailableError(
      'the request ran out of time before it could commit; nothing was changed, retry it',
    );
  }
}
