import type { Logger } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import type { DeadLetter, DeadLetterQueue } from '../../consumer/dead-letter-queue.js';
import type { Middleware, SliceContext, SliceHandler } from '../pipeline.js';
import { SliceAbandoned, withTransientRetry } from './retry-transient.js';

/**
 * Watermill's PoisonQueue with bisection: a slice failing for good is split until the failing
 * message is found, which goes to `dlq` with the reason; the rest of the slice is handled. A
 * message that cannot even be dead-lettered is logged and skipped, never retried forever.
 */
export function deadLetterPoison(dlq: DeadLetterQueue, logger: Logger): Middleware {
  return (next) => {
    const settle: SliceHandler = async (messages, context) => {
      try {
        await next(messages, context);
      } catch (error) {
        if (error instanceof SliceAbandoned) throw error;
        if (messages.length > 1) {
          const half = Math.ceil(messages.length / 2);
          await settle(messages.slice(0, half), context);
          await settle(messages.slice(half), context);
          return;
        }
        await giveUp(messages[0], error as Error, context, dlq, logger);
      }
    };
    return settle;
  };
}

async function giveUp(
  message: KafkaMessage,
  error: Error,
  context: SliceContext,
  dlq: DeadLetterQueue,
  logger: Logger,
): Promise<void> {
  const where = `${context.topic}[${context.partition}]@${message.offset}`;
  logger.error(
    `${where} failed for good, sending it to ${dlq.topic}: ${error.message}`,
    error.stack,
  );
  const letter: DeadLetter = {
    message,
    source: context,
    error: `processing failed: ${error.message}`,
    reason: 'processing_failed',
  };
  try {
    await withTransientRetry(() => dlq.send([letter]), `${where} dead-letter`, context, logger);
  } catch (failure) {
    if (failure instanceof SliceAbandoned) throw failure;
    logger.error(
      `${where} could not be dead-lettered either (${(failure as Error).message}); ` +
        `skipped: read it at that offset until the topic's retention removes it`,
    );
  }
}
