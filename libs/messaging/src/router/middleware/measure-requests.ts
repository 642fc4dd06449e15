import type { Logger } from '@nestjs/common';
import type { RpcReply } from '#contracts';
import { requestMetricsEnabled, secondsSince } from '#observability';
import {
  replyOutcome,
  rpcServerDuration,
  type RpcOutcome,
} from '../../metrics/messaging-metrics.js';
import type { RequestMiddleware } from '../request-pipeline.js';
import { EXPIRED } from './skip-expired.js';

/**
 * Watermill's Metrics for request/reply: times every request, from the router taking it to its
 * answer, by pattern and outcome. Outermost, so a request skipped as expired counts as `timeout`.
 */
export function measureRequests(logger: Logger): RequestMiddleware {
  return (next) => async (message, context) => {
    const started = performance.now();
    let outcome: RpcOutcome = 'error';
    try {
      const reply = await next(message, context);
      outcome = reply === EXPIRED ? 'timeout' : outcomeOf(reply);
      return reply;
    } finally {
      const seconds = secondsSince(started);
      if (requestMetricsEnabled()) {
        rpcServerDuration.observe({ rpc_method: context.topic, outcome }, seconds);
      }
      logger.debug(`${context.topic} answered ${outcome} in ${(seconds * 1000).toFixed(1)} ms`);
    }
  };
}

/** The router answers an RpcReply (results and mapped errors); anything else is not an answer we know. */
function outcomeOf(reply: unknown): RpcOutcome {
  const candidate = reply as Partial<RpcReply<unknown>> | null;
  if (candidate?.ok === true) return 'ok';
  if (candidate?.ok === false && typeof candidate.error?.status === 'number') {
    return replyOutcome(candidate as RpcReply<unknown>);
  }
  return 'error';
}
