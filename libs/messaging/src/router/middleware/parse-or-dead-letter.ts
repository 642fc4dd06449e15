import type { KafkaMessage } from 'kafkajs';
import type { DeadLetter, DeadLetterQueue } from '../../consumer/dead-letter-queue.js';
import type { Middleware } from '../pipeline.js';

/** A message whose value its route's parser accepted. */
export interface Parsed<T> {
  message: KafkaMessage;
  value: T;
}

/** A route's reading of one message value: usable, or why it never will be. */
export type ParseResult<T> = { value: T } | { unreadable: string };

/**
 * Reads every message of the slice with `parse` (within the contract's message limits): unreadable
 * ones go to `dlq` with the reason, the others on to the handler. Never retried: bytes don't change.
 */
export function parseOrDeadLetter<T>(
  dlq: DeadLetterQueue,
  parse: (message: KafkaMessage) => ParseResult<T>,
): Middleware<KafkaMessage, Parsed<T>> {
  return (next) => async (messages, context) => {
    const unreadable: DeadLetter[] = [];
    const readable: Parsed<T>[] = [];
    for (const message of messages) {
      const result = parse(message);
      if ('unreadable' in result)
        unreadable.push({
          message,
          error: result.unreadable,
          reason: 'unreadable',
          source: context,
        });
      else readable.push({ message, value: result.value });
    }
    await dlq.send(unreadable);
    if (readable.length > 0) await next(readable, context);
  };
}
