import type { Kafka } from 'kafkajs';
import { ensureTopics } from '#messaging';

type TopicSpec = Parameters<typeof ensureTopics>[1][number];

/**
 * ensureTopics for the bench's scratch topics, tried up to 3 times: on a loaded machine kafkajs'
 * wait for the new partitions' leaders can run out of retries ("does not host this
 * topic-partition") although the broker creates them a moment later.
 */
export async function ensureBenchTopics(kafka: Kafka, topics: TopicSpec[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ensureTopics(kafka, topics);
    } catch (error) {
      if (attempt === 3 || !(error as { retriable?: boolean }).retriable) throw error;
    }
  }
}
