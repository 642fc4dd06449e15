import type { Admin } from 'kafkajs';

export interface LagRow {
  group: string;
  topic: string;
  partition: number;
  /** The group's committed offset, or null when it has committed none on this partition. */
  committed: number | null;
  end: number;
  lag: number;
}

/**
 * Consumer lag per group, topic and partition as KEDA and kafka_exporter count it: the partition's
 * end offset minus the group's committed offset (from the partition's start when nothing is committed).
 * Without `groups`, every group but the throw-away readers of `npm run ops` (ops.read.*).
 */
export async function consumerLag(admin: Admin, groups?: string[]): Promise<LagRow[]> {
  const names =
    groups ??
    (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => !g.startsWith('ops.read.'));
  const ends = new Map<string, Promise<Array<{ partition: number; high: string; low: string }>>>();
  const endsOf = (topic: string) => {
    if (!ends.has(topic)) ends.set(topic, admin.fetchTopicOffsets(topic));
    return ends.get(topic)!;
  };
  const rows: LagRow[] = [];
  for (const group of [...names].sort()) {
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId: group })) {
      const topicEnds = await endsOf(topic);
      for (const { partition, offset } of partitions) {
        const end = topicEnds.find((p) => p.partition === partition);
        if (!end) continue;
        const committed = Number(offset) >= 0 ? Number(offset) : null;
        const high = Number(end.high);
        rows.push({
          group,
          topic,
          partition,
          committed,
          end: high,
          lag: high - (committed ?? Number(end.low)),
        });
      }
    }
  }
  return rows.sort(
    (a, b) =>
      a.group.localeCompare(b.group) || a.topic.localeCompare(b.topic) || a.partition - b.partition,
  );
}
