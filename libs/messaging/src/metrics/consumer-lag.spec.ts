import { describe, expect, it } from '@jest/globals';
import { ConsumerLagReport } from './consumer-lag.js';
import { consumerLag } from './messaging-metrics.js';

/** The lag series of `group`, as `topic[partition]` → value, read from prom-client's own JSON. */
async function lagOf(group: string): Promise<Record<string, number>> {
  const { values } = await consumerLag.get();
  return Object.fromEntries(
    values
      .filter((v) => v.labels.messaging_consumer_group_name === group)
      .map((v) => [
        `${v.labels.messaging_destination_name}[${v.labels.messaging_destination_partition_id}]`,
        v.value,
      ]),
  );
}

describe(ConsumerLagReport.name, () => {
  it('reports the high watermark minus the next offset to handle, per partition', async () => {
    const report = new ConsumerLagReport('lag-a');
    report.report('people.events', 0, '120', '100');
    report.report('people.events', 1, '7', 7);
    expect(await lagOf('lag-a')).toEqual({ 'people.events[0]': 20, 'people.events[1]': 0 });
    report.report('people.events', 0, '130', 125);
    expect((await lagOf('lag-a'))['people.events[0]']).toBe(5);
  });

  it('forgets the partitions a rebalance took away, and all of them on clear', async () => {
    const report = new ConsumerLagReport('lag-b');
    report.report('t', 0, '10', 5);
    report.report('t', 1, '10', 5);
    report.keepOnly({ t: [1] });
    expect(await lagOf('lag-b')).toEqual({ 't[1]': 5 });
    report.clear();
    expect(await lagOf('lag-b')).toEqual({});
  });
});
