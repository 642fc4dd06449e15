import type { Admin } from 'kafkajs';

/** The consumer groups of the services (the requesters' own reply groups are per instance: left out). */
export const SERVICE_GROUPS = [
  'people',
  'companies',
  'employment',
  'employment.hire-requests',
  'employment.party-deletions',
];

/** A partition's committed offset for a group ('-1' or below: none) and its log's bounds. */
export interface PartitionPosition {
  committed: number;
  low: number;
  high: number;
}

/**
 * Messages of one partition the group has still to read: from its committed offset to the end, or the
 * whole log when it has committed nothing (a group that has not started reads it all).
 */
export function partitionLag({ committed, low, high }: PartitionPosition): number {
  return committed < 0 ? high - low : Math.max(0, high - committed);
}

/** Each group's topics it has committed offsets on (before a reset), to measure catch-up later. */
export async function consumedTopics(
  admin: Admin,
  groupIds: readonly string[],
): Promise<Map<string, string[]>> {
  const topics = new Map<string, string[]>();
  for (const groupId of groupIds) {
    const offsets = await admin.fetchOffsets({ groupId });
    topics.set(
      groupId,
      offsets.map((o) => o.topic),
    );
  }
  return topics;
}

/**
 * Messages the groups have not consumed yet, over every topic given for each: a partition without a
 * committed offset counts as full lag, so a group that has not read anything is never "caught up".
 */
export async function groupsLag(
  admin: Admin,
  topics: ReadonlyMap<string, string[]>,
): Promise<number> {
  let total = 0;
  for (const [groupId, groupTopics] of topics) {
    if (groupTopics.length === 0) continue;
    for (const { topic, partitions } of await admin.fetchOffsets({
      groupId,
      topics: groupTopics,
    })) {
      const bounds = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p]));
      for (const p of partitions) {
        const b = bounds.get(p.partition);
        total += partitionLag({
          committed: Number(p.offset),
          low: Number(b?.low ?? 0),
          high: Number(b?.high ?? 0),
        });
      }
    }
  }
  return total;
}
