import type { Admin } from 'kafkajs';
import { allTopics } from '#contracts';
import type { KafkaCluster } from '#devstack';
import type { FaultContext } from './fault-context.js';
import { pollUntil } from './poll-until.js';

/** The internal topic whose only partition's leader coordinates every consumer group here. */
export const OFFSETS_TOPIC = '__consumer_offsets';

/** The cluster a cluster scenario needs; throws a clear error on a single broker. */
export function clusterOf(ctx: FaultContext): KafkaCluster {
  if (!ctx.cluster) throw new Error('this scenario needs a cluster: run with --brokers 3');
  return ctx.cluster;
}

/** How many partitions of `topics` each node leads right now. */
export async function leadership(admin: Admin, topics: string[]): Promise<Map<number, number>> {
  const { topics: meta } = await admin.fetchTopicMetadata({ topics });
  const led = new Map<number, number>();
  for (const p of meta.flatMap((t) => t.partitions))
    if (p.leader >= 0) led.set(p.leader, (led.get(p.leader) ?? 0) + 1);
  return led;
}

/** The node leading the most partitions of `topics`, and how many it leads. */
export async function busiestLeader(admin: Admin, topics: string[]): Promise<[number, number]> {
  const led = [...(await leadership(admin, topics))].sort((a, b) => b[1] - a[1]);
  if (!led.length) throw new Error(`no leader for any partition of ${topics.join(', ')}`);
  return led[0];
}

/**
 * The group coordinator of every consumer group: the leader of __consumer_offsets' one partition
 * (offsets.topic.num.partitions=1 in libs/devstack).
 */
export async function groupCoordinator(admin: Admin): Promise<number> {
  const [node] = await busiestLeader(admin, [OFFSETS_TOPIC]);
  return node;
}

/** Partitions of the system's topics (and the offsets topic) with fewer in-sync replicas than replicas. */
export async function underReplicated(admin: Admin): Promise<number> {
  const topics = [...allTopics().map((t) => t.topic), OFFSETS_TOPIC];
  const { topics: meta } = await admin.fetchTopicMetadata({ topics });
  return meta.flatMap((t) => t.partitions).filter((p) => p.isr.length < p.replicas.length).length;
}

/** Waits until every replica is in sync again; null if not within `timeoutMs`. */
export function fullyReplicated(admin: Admin, timeoutMs: number): Promise<number | null> {
  return pollUntil(
    () =>
      underReplicated(admin).then(
        (n) => n === 0,
        () => false,
      ),
    timeoutMs,
    250,
  );
}
