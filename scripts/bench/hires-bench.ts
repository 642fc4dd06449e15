import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { EVENT_TOPICS } from '#contracts';
import { ensureTopics } from '#messaging';
import type { BenchStack } from './bench-stack.js';
import { startBaseline } from './baseline-process.js';
import { plainKafka, watchTopic } from './outcome-watcher.js';
import type { CpuMeter } from './cpu-meter.js';
import { peakRssMb } from './peak-rss.js';
import { createScratchDatabase, dropScratchDatabases } from './scratch-database.js';
import { nthHire, type SeedData } from './seed-data.js';
import { latencyOf, secondsSince, type Latency } from './stats.js';

export interface HiresFigures {
  perSecond: number;
  latency: Latency;
  detail: string;
}

/** Produces the requests in sends of 500, as another service would; returns each one's send time. */
async function produce(producer: Producer, topic: string, requests: any[]): Promise<number[]> {
  const sentAt: number[] = [];
  for (let i = 0; i < requests.length; i += 500) {
    const chunk = requests.slice(i, i + 500);
    const at = performance.now();
    chunk.forEach(() => sentAt.push(at));
    await producer.send({
      topic,
      messages: chunk.map((r) => ({ key: r.personId, value: JSON.stringify(r) })),
    });
  }
  return sentAt;
}

/** Sends `requests` to `inTopic`, waits for every outcome on `outTopic`; rate and request-to-outcome latency. */
async function measure(
  stack: BenchStack,
  inTopic: string,
  outTopic: string,
  requests: any[],
  say: (line: string) => void,
): Promise<HiresFigures> {
  const ids = new Set(requests.map((r) => r.requestId));
  const watcher = await watchTopic(stack.brokers, outTopic, (e) =>
    ids.has(e.correlationId) ? e.correlationId : undefined,
  );
  const producer = plainKafka(stack.brokers, 'other-team').producer();
  await producer.connect();
  const started = performance.now();
  const progress = setInterval(
    () => say(`  ${watcher.arrivals.size}/${requests.length} outcomes (${secondsSince(started)})`),
    5000,
  );
  try {
    const sentAt = await produce(producer, inTopic, requests);
    await watcher.all(requests.length, 600_000);
    const latencies = requests.map((r, i) => watcher.arrivals.get(r.requestId)!.at - sentAt[i]);
    const last = Math.max(...[...watcher.arrivals.values()].map((a) => a.at));
    const hired = [...watcher.arrivals.values()].filter((a) => a.event.type === 'employee.hired');
    return {
      perSecond: requests.length / ((last - started) / 1000),
      latency: latencyOf(latencies),
      detail: `${hired.length} hired, ${requests.length - hired.length} rejected`,
    };
  } finally {
    clearInterval(progress);
    await Promise.all([watcher.stop(), producer.disconnect()]);
  }
}

/** Verified hires through the product against the raw pipeline, same requests, same broker. */
export async function hiresBench(
  stack: BenchStack,
  seed: SeedData,
  count: number,
  meter: CpuMeter,
  say: (line: string) => void,
) {
  const run = randomUUID().slice(0, 8);
  const requests = Array.from({ length: count }, (_, i) => ({
    requestId: `bench-${run}-${i}`,
    ...nthHire(seed, seed.hireCompanies, i, 0),
  }));
  say(`hires: ${count} hire requests on ${EVENT_TOPICS.hireRequests}, verified by the product`);
  const { result: product, use: productCpu } = await meter.measure(
    'verified hire (Kafka request)',
    () => measure(stack, EVENT_TOPICS.hireRequests, EVENT_TOPICS.employment, requests, say),
    () => count,
  );
  say(
    `hires: the same ${count} through the raw pipeline (eachBatch, one INSERT and one send per batch)`,
  );
  const [inTopic, outTopic] = [`bench.raw-hires.${run}`, `bench.raw-outcomes.${run}`];
  await ensureTopics(stack.kafka, [
    { topic: inTopic, numPartitions: 6 },
    { topic: outTopic, numPartitions: 6 },
  ]);
  const db = await createScratchDatabase('pipeline');
  const pipeline = await startBaseline('raw-hire-pipeline', {
    KAFKA_BROKERS: stack.brokers,
    DATABASE_URL: db,
    IN_TOPIC: inTopic,
    OUT_TOPIC: outTopic,
    GROUP: `bench-raw-${run}`,
  });
  try {
    const baseline = await measure(stack, inTopic, outTopic, requests, say);
    return { product, baseline, productCpu, pipelineRssMb: peakRssMb(pipeline.pid) };
  } finally {
    await pipeline.stop();
    await dropScratchDatabases(db);
  }
}
