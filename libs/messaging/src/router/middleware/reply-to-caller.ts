import type { Logger } from '@nestjs/common';
import type { KafkaMessage, Message } from 'kafkajs';
import type { ProduceCoalescer } from '../../kafka/produce-coalescer.js';
import { RPC_HEADERS, headerValue } from '../../kafka/kafka-headers.js';
import type { SliceHandler } from '../pipeline.js';
import type { RequestHandler } from '../request-pipeline.js';

/**
 * The reply of request/reply, in ServerKafka's header protocol: runs the request and sends what it
 * answered (or the error it threw, in the error header) to the caller's reply topic and partition.
 * A message without reply headers is not a request: nobody waits, nothing runs. A reply that cannot
 * be sent is not retried (a redelivered request would do its write again); the caller times out.
 */
export function replyToCaller(replies: ProduceCoalescer, logger: Logger) {
  return (handler: RequestHandler): SliceHandler =>
    async ([message], context) => {
      const correlationId = headerValue(message.headers, RPC_HEADERS.correlationId);
      const replyTopic = headerValue(message.headers, RPC_HEADERS.replyTopic);
      if (!correlationId || !replyTopic) return;
      const reply = await answer(handler, message, context, correlationId);
      const partition = Number(headerValue(message.headers, RPC_HEADERS.replyPartition));
      if (Number.isInteger(partition)) reply.partition = partition;
      try {
        await replies.send(replyTopic, reply);
      } catch (error) {
        logger.warn(
          `could not send the reply to ${context.topic}[${context.partition}] @${message.offset}: ${(error as Error).message}`,
        );
      }
    };
}

async function answer(
  handler: RequestHandler,
  message: KafkaMessage,
  context: Parameters<RequestHandler>[1],
  correlationId: string,
): Promise<Message> {
  const headers: Record<string, string> = { [RPC_HEADERS.correlationId]: correlationId };
  try {
    return { value: JSON.stringify((await handler(message, context)) ?? null), headers };
  } catch (error) {
    headers[RPC_HEADERS.error] = errorText(error);
    return { value: null, headers };
  }
}

/** What goes in the error header, as ServerKafka writes it: a message, or the error object as JSON. */
function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'object' ? JSON.stringify(error) : String(error);
}
