import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { noDelaySocketFactory } from '#messaging';

/** A baseline process's plain kafkajs clients, connected, its consumer subscribed to IN_TOPIC. */
export interface RawKafkaClients {
  kafka: Kafka;
  producer: Producer;
  consumer: Consumer;
  /** Resolves when the consumer first joined its group (GROUP). */
  joined: Promise<unknown>;
}

/**
 * The clients a baseline uses: no project code but the product's socket options (TCP_NODELAY), so
 * both sides get the same network; consumer wait maxWaitTimeInMs 100.
 */
export async function rawKafkaClients(clientId: string): Promise<RawKafkaClients> {
  const env = process.env as Record<string, string>;
  const kafka = new Kafka({
    clientId,
    brokers: env.KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
    socketFactory: noDelaySocketFactory,
  });
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: env.GROUP, maxWaitTimeInMs: 100 });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic: env.IN_TOPIC, fromBeginning: true });
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  return { kafka, producer, consumer, joined };
}
