import type { Config } from '@jest/types';
import { Logger } from '@nestjs/common';
import { allTopics } from '#contracts';
import { startKafkaBroker, type KafkaBroker } from '#devstack';
import { KafkaEnvSchema } from '#config';
import { createKafka, ensureTopics } from '#messaging';

/** Worker N's broker goes in `${BROKERS_OF_WORKER}N`; worker-broker.ts reads it (same name there). */
const BROKERS_OF_WORKER = 'KAFKA_BROKERS_OF_WORKER_';

/**
 * Starts one Kafka broker per jest worker (integration files run two at a time, each on its
 * worker's broker: they share consumer groups and topics, so they must not share a broker), unless
 * KAFKA_BROKERS names one, and creates the contract's topics on each.
 */
export default async function globalSetup(globalConfig: Config.GlobalConfig): Promise<void> {
  Logger.overrideLogger(['fatal', 'error', 'warn', 'log']);
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  if (process.env.KAFKA_BROKERS) {
    if (globalConfig.maxWorkers > 1) {
      throw new Error(
        `KAFKA_BROKERS is set: the integration files would share that one broker from ${globalConfig.maxWorkers} ` +
          "workers and take each other's requests. Run them one at a time: add --maxWorkers=1 (-w 1).",
      );
    }
    await createTopics(process.env.KAFKA_BROKERS);
    return;
  }
  const brokers: KafkaBroker[] = [];
  // One after another: each picks free ports, which the next must see taken.
  for (let worker = 1; worker <= globalConfig.maxWorkers; worker++) {
    const broker = await startKafkaBroker({
      quickJit: true, // light load, long idle stretches: C1 only (QUICK_JIT)
      log: (line) => process.stdout.write(`[kafka ${worker}] ${line}\n`),
    });
    brokers.push(broker);
    process.env[BROKERS_OF_WORKER + worker] = broker.bootstrapServers;
  }
  (globalThis as { __KAFKA_BROKERS__?: KafkaBroker[] }).__KAFKA_BROKERS__ = brokers;
  await Promise.all(brokers.map((broker) => createTopics(broker.bootstrapServers)));
}

async function createTopics(bootstrapServers: string): Promise<void> {
  const kafka = createKafka(
    KafkaEnvSchema.parse({ KAFKA_BROKERS: bootstrapServers }),
    'test-setup',
  );
  await ensureTopics(kafka, allTopics());
}
