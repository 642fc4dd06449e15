import type { Logger } from '@nestjs/common';
import { ERROR_CODES, type RpcReply } from '#contracts';
import { DEADLINE_HEADER, headerValue } from '../../kafka/kafka-headers.js';
import type { RequestMiddleware } from '../request-pipeline.js';

/** The answer to an expired request (the same object each time, so metrics can tell it apart). */
export const EXPIRED: RpcReply<never> = {
  ok: false,
  error: {
    status: 503,
    code: ERROR_CODES.dependencyUnavailable,
    title: 'Service Unavailable',
    detail: 'the request expired before the service could handle it',
  },
};

/**
 * Watermill's Timeout for request/reply: a request whose caller's deadline (`request-deadline`)
 * has passed is answered 503 without running its handler, since the caller already answered its
 * client with a timeout and doing the work now would surprise it.
 */
export function skipExpired(logger: Logger): RequestMiddleware {
  return (next) => async (message, context) => {
    const deadline = Number(headerValue(message.headers, DEADLINE_HEADER));
    if (Number.isFinite(deadline) && deadline > 0 && Date.now() > deadline) {
      logger.warn(`skipped expired request on ${context.topic}`);
      return EXPIRED;
    }
    return next(message, context);
  };
}
