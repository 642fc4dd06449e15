import { consumerLag } from './messaging-metrics.js';

/**
 * One consumer's view of its lag: for each partition it reads, the high watermark of the last batch
 * minus the next offset it has to handle. Partitions a rebalance took away are no longer reported.
 */
export class ConsumerLagReport {
  private readonly partitions = new Map<string, { topic: string; partition: number }>();

  constructor(private readonly group: string) {}

  /** `nextOffset`: the first offset not handled yet. */
  report(topic: string, partition: number, highWatermark: string, nextOffset: string | number) {
    const lag = Math.max(0, Number(highWatermark) - Number(nextOffset));
    if (!Number.isFinite(lag)) return;
    this.partitions.set(`${topic}:${partition}`, { topic, partition });
    consumerLag.set(this.labels(topic, partition), lag);
  }

  /** Forgets every partition not in `assignment` (topic → partitions), as a group join hands out. */
  keepOnly(assignment: Record<string, number[]>): void {
    for (const [key, { topic, partition }] of this.partitions) {
      if (assignment[topic]?.includes(partition)) continue;
      consumerLag.remove(this.labels(topic, partition));
      this.partitions.delete(key);
    }
  }

  clear(): void {
    this.keepOnly({});
  }

  private labels(topic: string, partition: number) {
    return {
      messaging_consumer_group_name: this.group,
      messaging_destination_name: topic,
      messaging_destination_partition_id: String(partition),
    };
  }
}
