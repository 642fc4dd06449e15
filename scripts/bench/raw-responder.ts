/**
 * The request/reply baseline's answering side: a plain kafkajs `eachBatch` consumer of IN_TOPIC
 * that echoes every request of a batch to the reply topic and partition named in its headers, with
 * one send per batch. Same consumer wait as the product's request server (maxWaitTimeInMs 100).
 */
import type { Message } from 'kafkajs';
import { announceReady } from './baseline-process.js';
import { rawKafkaClients } from './raw-kafka-clients.js';

const { producer, consumer, joined } = await rawKafkaClients('raw-responder');
await consumer.run({
  partitionsConsumedConcurrently: 6,
  eachBatch: async ({ batch }) => {
    const replies = new Map<string, Message[]>();
    for (const m of batch.messages) {
      const topic = String(m.headers!['reply-topic']);
      const list = replies.get(topic) ?? replies.set(topic, []).get(topic)!;
      list.push({
        partition: Number(String(m.headers!['reply-partition'])),
        value: m.value,
        headers: { 'correlation-id': m.headers!['correlation-id']! },
      });
    }
    await producer.sendBatch({
      topicMessages: [...replies].map(([topic, messages]) => ({ topic, messages })),
    });
  },
});
await joined;
announceReady({});
process.on('SIGTERM', () => {
  void Promise.all([consumer.disconnect(), producer.disconnect()]).then(() => process.exit(0));
});
