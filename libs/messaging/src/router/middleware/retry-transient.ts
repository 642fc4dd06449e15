import type { Logger } from '@nestjs/common';
import { isTransientError } from '#core';
import type { Middleware, SliceContext } from '../pipeline.js';

/** Thrown when a slice is given up because the consumer stopped or lost its partition. */
export class SliceAbandoned extends Error {
  constructor(what: string) {
    super(`${what} abandoned: the consumer stopped or its partition moved to another member`);
  }
}

/**
 * Retries a slice that fails for a transient reason (see isTransientError) with backoff,
 * heartbeating meanwhile, until it succeeds or the consumer stops: an outage delays messages and
 * never loses them. Any other error passes through as permanent.
 */
export function retryTransient(logger: Logger): Middleware {
  return (next) => (messages, context) =>
    withTransientRetry(
      () => next(messages, context),
      sliceName(context, messages.length),
      context,
      logger,
    );
}

/** Runs `work`, retrying its transient failures with backoff while `context.running()`. */
export async function withTransientRetry<T>(
  work: () => Promise<T>,
  what: string,
  context: SliceContext,
  logger: Logger,
): Promise<T> {
  for (let attempt = 1; context.running(); attempt++) {
    try {
      const result = await work();
      if (attempt > 1) logger.log(`${what} recovered after ${attempt - 1} failed attempts`);
      return result;
    } catch (error) {
      if (!isTransientError(error)) throw error;
      if (attempt === 1 || attempt % 20 === 0) {
        logger.warn(`${what} failed (attempt ${attempt}): ${(error as Error).message}; retrying`);
      }
      await backOff(attempt, context);
    }
  }
  throw new SliceAbandoned(what);
}

function sliceName(context: SliceContext, size: number): string {
  return `${context.topic}[${context.partition}] slice of ${size}`;
}

async function backOff(attempt: number, context: SliceContext): Promise<void> {
  const delay = Math.min(200 * 2 ** Math.min(attempt, 5), 5000);
  for (let waited = 0; waited < delay && context.running(); waited += 500) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(500, delay - waited)));
    await context.heartbeat().catch(() => undefined);
  }
}
