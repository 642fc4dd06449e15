import { Logger } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import type { TopicSpec } from '#contracts';

const logger = new Logger('Topics');

/** Creates the missing topics (idempotent; safe when replicas race to do it). */
export async function ensureTopics(kafka: Kafka, topics: TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length === 0) return;
    if (!(await createMissing(admin, missing))) return;
    // Asking for a group's offsets makes a new broker create __consumer_offsets now, so the
    // apps' first group joins don't crash and restart while the coordinator loads.
    await admin
      .fetchOffsets({ groupId: 'topic-admin-warm-up', topics: [missing[0].topic] })
      .catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}

/** Creates the topics; false when the broker does not allow this app to. */
async function createMissing(admin: Admin, missing: TopicSpec[]): Promise<boolean> {
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((t) => ({ ...t, replicationFactor: -1 })),
    });
  } catch (error) {
    const { message, type, errors } = error as Error & { type?: string; errors?: unknown[] };
    const types = [type, ...(errors ?? []).map((e) => (e as { type?: string }).type)];
    if (
      types.some((t) => t === 'TOPIC_AUTHORIZATION_FAILED' || t === 'CLUSTER_AUTHORIZATION_FAILED')
    ) {
      // Under ACLs topics are an operator's job, and an app sees only the topics it may use.
      logger.log('not allowed to create topics: expecting an operator to have made them');
      return false;
    }
    // Another replica may have created them between our list and create.
    if (!String(message).includes('already exists')) throw error;
  }
  logger.log(`created topics: ${missing.map((t) => t.topic).join(', ')}`);
  return true;
}
