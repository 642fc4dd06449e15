/**
 * The request/reply baseline's answering side: a plain kafkajs `eachBatch` consumer of IN_TOPIC
 * that echoes every request of a batch to the reply topic and partition named in its headers, with
 * one send per batch. Same consumer wait as the product's request server (maxWaitTimeInMs 100).
 */
import { Kafka, logLevel, type Message } from 'kafkajs';
import { announceReady } from './baseline-process.js';

const env = process.env as Record<string, string>;
const kafka = new Kafka({
  clientId: 'raw-responder',
  brokers: env.KAFKA_BROKERS.split(','),
  logLevel: logLevel.NOTHING,
});
const producer = kafka.producer();
const consumer = kafka.consumer({ groupId: env.GROUP, maxWaitTimeInMs: 100 });
await Promise.all([producer.connect(), consumer.connect()]);
await consumer.subscribe({ topic: env.IN_TOPIC, fromBeginning: true });
const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
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
