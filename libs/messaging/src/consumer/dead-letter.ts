import type { KafkaMessage, Producer } from 'kafkajs';

/** Header carrying why a message went to a dead-letter topic. */
export const DLQ_ERROR_HEADER = 'error';

/** Sends `message` unchanged (key, value, headers) to `topic`, adding an `error` header. */
export async function sendToDeadLetter(
  producer: Producer,
  topic: string,
  messages: Array<{
    message: KafkaMessage;
    error: string;
    source: { topic: string; partition: number };
  }>,
): Promise<void> {
  if (messages.length === 0) return;
  await producer.send({
    topic,
    acks: -1,
    messages: messages.map(({ message, error, source }) => ({
      key: message.key,
      value: message.value,
      headers: {
        ...message.headers,
        [DLQ_ERROR_HEADER]: error,
        'dlq-original-topic': source.topic,
        'dlq-original-partition': String(source.partition),
        'dlq-original-offset': message.offset,
      },
    })),
  });
}
