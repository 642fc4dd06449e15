import { Logger } from '@nestjs/common';
import { allTopics } from '#contracts';
import { startKafkaBroker, type KafkaBroker } from '#devstack';
import { KafkaEnvSchema } from '#config';
import { createKafka, ensureTopics } from '#messaging';

/** Starts the suite's Kafka broker unless KAFKA_BROKERS names one, and creates the contract's topics. */
export default async function globalSetup(): Promise<void> {
  Logger.overrideLogger(['fatal', 'error', 'warn', 'log']);
  if (!process.env.KAFKA_BROKERS) {
    const broker: KafkaBroker = await startKafkaBroker({
      log: (line) => process.stdout.write(`[kafka] ${line}\n`),
    });
    process.env.KAFKA_BROKERS = broker.bootstrapServers;
    (globalThis as { __KAFKA_BROKER__?: KafkaBroker }).__KAFKA_BROKER__ = broker;
  }
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const kafka = createKafka(KafkaEnvSchema.parse(process.env), 'test-setup');
  await ensureTopics(kafka, allTopics());
}
