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
    if (!(await createMissing(admin, missing, await replication(admin)))) return;
    await waitForLeaders(admin, missing.map((t) => t.topic));
    // Asking for a group's offsets makes a new broker create __consumer_offsets now, so the
    // apps' first group joins don't crash and restart while the coordinator loads.
    await admin
      .fetchOffsets({ groupId: 'topic-admin-warm-up', topics: [missing[0].topic] })
      .catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}

/** How new topics are replicated: three copies, two in sync for a write, from three brokers on. */
interface Replication {
  replicationFactor: number;
  configEntries?: Array<{ name: string; value: string }>;
}

/**
 * From three brokers on, 3 replicas with min.insync.replicas=2 (with acks=all a write survives the
 * loss of any broker and is refused, not lost, with two down); fewer brokers: the broker's defaults.
 */
async function replication(admin: Admin): Promise<Replication> {
  const { brokers } = await admin.describeCluster();
  if (brokers.length < 3) return { replicationFactor: -1 };
  return {
    replicationFactor: 3,
    configEntries: [{ name: 'min.insync.replicas', value: '2' }],
  };
}

/** Creates the topics; false when the broker does not allow this app to. */
async function createMissing(
  admin: Admin,
  missing: TopicSpec[],
  how: Replication,
): Promise<boolean> {
  try {
    // Not kafkajs' waitForLeaders: it gives up on the first "does not host this topic-partition"
    // from a broker of a cluster that has not heard of the new topic yet (waitForLeaders below).
    await admin.createTopics({
      waitForLeaders: false,
      topics: missing.map((t) => ({ ...t, ...how })),
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
  const copies = how.replicationFactor > 0 ? `, ${how.replicationFactor} replicas` : '';
  logger.log(`created topics${copies}: ${missing.map((t) => t.topic).join(', ')}`);
  return true;
}

/** How long new topics may take to have a leader for every partition on a loaded cluster. */
const LEADERS_TIMEOUT_MS = 60_000;

/**
 * Waits until the metadata of `topics` names a leader for every partition. A broker that has not
 * yet applied the new topics answers "does not host this topic-partition": asked again, not fatal.
 */
async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + LEADERS_TIMEOUT_MS;
  let last = 'no answer yet';
  for (;;) {
    try {
      const { topics: meta } = await admin.fetchTopicMetadata({ topics });
      const leaderless = meta.flatMap((t) =>
        t.partitions.filter((p) => p.leader < 0).map((p) => `${t.name}[${p.partitionId}]`),
      );
      if (meta.length === topics.length && leaderless.length === 0) return;
      last = `${leaderless.length} partitions without a leader (${leaderless.slice(0, 3).join(', ')})`;
    } catch (error) {
      const { retriable, name } = error as Error & { retriable?: boolean };
      if (!retriable && name !== 'KafkaJSNumberOfRetriesExceeded') throw error;
      last = (error as Error).message;
    }
    if (Date.now() > deadline)
      throw new Error(`new topics without leaders after ${LEADERS_TIMEOUT_MS} ms: ${last}`);
    await new Promise((wake) => setTimeout(wake, 200));
  }
}
