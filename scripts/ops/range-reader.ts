import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { CONSUMER_TIMINGS } from '#messaging';
import type { PartitionRange } from './topic-range.js';

export interface RangeMessage {
  partition: number;
  message: KafkaMessage;
}

/**
 * Reads `ranges` of `topic` in order, one message at a time, as member of `groupId`; `handle` returns
 * false to stop early. Resolves when every range is read (or stopped). Commits nothing itself: the
 * caller commits through `consumer` when it wants to.
 */
export async function readRanges(
  kafka: Kafka,
  topic: string,
  groupId: string,
  ranges: PartitionRange[],
  handle: (m: RangeMessage, consumer: Consumer) => Promise<boolean>,
  timeoutMs = 120_000,
): Promise<void> {
  const pending = new Map(ranges.filter((r) => r.stop > r.start).map((r) => [r.partition, r]));
  if (pending.size === 0) return;
  const consumer = kafka.consumer({ groupId, ...CONSUMER_TIMINGS, allowAutoTopicCreation: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`reading ${topic} took over ${timeoutMs} ms; is another run in ${groupId}?`),
          ),
        timeoutMs,
      );
      const finish = (partition?: number) => {
        if (partition === undefined) pending.clear();
        else pending.delete(partition);
        if (pending.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      };
      consumer
        .run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          eachBatch: async ({ batch, resolveOffset, isRunning }) => {
            const range = pending.get(batch.partition);
            if (!range) return;
            for (const message of batch.messages) {
              if (!isRunning() || !pending.has(batch.partition)) return;
              const offset = Number(message.offset);
              if (offset < range.start) continue;
              if (offset >= range.stop) return finish(batch.partition);
              let more: boolean;
              try {
                more = await handle({ partition: batch.partition, message }, consumer);
              } catch (error) {
                pending.clear();
                clearTimeout(timer);
                return reject(error);
              }
              if (!more) return finish();
              resolveOffset(message.offset);
              if (offset + 1 >= range.stop) return finish(batch.partition);
            }
          },
        })
        .catch(reject);
      for (const range of pending.values()) {
        consumer.seek({ topic, partition: range.partition, offset: String(range.start) });
      }
    });
  } finally {
    await consumer.disconnect();
  }
}
