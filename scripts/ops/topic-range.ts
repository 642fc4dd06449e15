import type { Admin } from 'kafkajs';

/** Offsets [start, stop) of one partition to read. */
export interface PartitionRange {
  partition: number;
  start: number;
  stop: number;
}

export interface RangeOptions {
  partition?: number;
  /** First offset (needs `partition`); default: the group's committed position, else the start. */
  from?: number;
  /** Last offset, inclusive (needs `partition`); default: the end as of now. */
  to?: number;
}

/** Refuses a range the tool cannot honour, before anything is read. */
export function checkRangeOptions({ partition, from, to }: RangeOptions): void {
  if ((from !== undefined || to !== undefined) && partition === undefined) {
    throw new Error('--from and --to need --partition (offsets are per partition)');
  }
  if (from !== undefined && to !== undefined && to < from) {
    throw new Error(`--to ${to} is before --from ${from}`);
  }
}

/**
 * What to read of `topic`: per partition, from the chosen start up to the end offset as of now, so
 * messages that arrive while the tool runs (its own re-dead-lettered ones included) wait for the next run.
 */
export async function partitionRanges(
  admin: Admin,
  topic: string,
  options: RangeOptions,
  groupId?: string,
): Promise<PartitionRange[]> {
  checkRangeOptions(options);
  const offsets = await admin.fetchTopicOffsets(topic);
  if (options.partition !== undefined && !offsets.some((o) => o.partition === options.partition)) {
    throw new Error(`${topic} has no partition ${options.partition}`);
  }
  const committed = new Map<number, number>();
  if (groupId) {
    const [group] = await admin.fetchOffsets({ groupId, topics: [topic] });
    for (const p of group?.partitions ?? []) committed.set(p.partition, Number(p.offset));
  }
  return offsets
    .filter((o) => options.partition === undefined || o.partition === options.partition)
    .map((o) => {
      const low = Number(o.low);
      const high = Number(o.high);
      const position = committed.get(o.partition) ?? -1;
      const start = Math.max(low, options.from ?? (position >= 0 ? position : low));
      const stop = Math.min(high, options.to === undefined ? high : options.to + 1);
      return { partition: o.partition, start, stop: Math.max(start, stop) };
    })
    .sort((a, b) => a.partition - b.partition);
}
