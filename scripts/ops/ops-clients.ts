import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { KafkaEnvSchema } from '#config';
import { createKafka } from '#messaging';

/** The Kafka client of `npm run ops`, configured like the apps (KAFKA_BROKERS, KAFKA_SASL_*, KAFKA_SSL*). */
export function opsKafka(env: NodeJS.ProcessEnv = process.env): Kafka {
  const parsed = KafkaEnvSchema.safeParse(env);
  if (!parsed.success) {
    const bad = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`bad Kafka settings: ${bad}`);
  }
  return createKafka(parsed.data, `ops-${randomUUID().slice(0, 8)}`);
}

/** Runs `work` with a connected admin client, disconnecting after. */
export async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}
