import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { EVENT_TOPICS } from '#contracts';
import type { BenchStack } from './bench-stack.js';
import { combineCpu, type CpuMeter, type CpuUse } from './cpu-meter.js';
import { pidsOf, startFloorPipeline, startVerifiedPipeline } from './hire-pipelines.js';
import { plainKafka, watchTopic, type OutcomeWatcher } from './outcome-watcher.js';
import { peakRssMb } from './peak-rss.js';
import { alternate } from './rounds.js';
import { nthHire, type SeedData } from './seed-data.js';
import { latencyOf, secondsSince, type Latency } from './stats.js';

/** One round of one side: rate, request-to-outcome latency and how many were hired. */
export interface HiresFigures {
  perSecond: number;
  latency: Latency;
  hired: number;
  rejected: number;
}

type Side = 'product' | 'verifying' | 'floor';

/** Each side's rounds and CPU per hire; the raw processes' peak RSS. */
export interface HiresRow {
  count: number;
  rounds: Record<Side, HiresFigures[]>;
  cpu: Record<Side, CpuUse>;
  rssMb: Array<[string, number | undefined]>;
}

/** Where one side's requests go and where it watches its outcomes, across its rounds. */
class HireSide {
  private readonly ids = new Set<string>();
  private watcher?: OutcomeWatcher;

  constructor(
    private readonly inTopic: string,
    private readonly outTopic: string,
  ) {}

  async start(brokers: string): Promise<void> {
    this.watcher = await watchTopic(brokers, this.outTopic, (e) =>
      this.ids.has(e.correlationId) ? e.correlationId : undefined,
    );
  }

  /** Sends `requests` in sends of 500, as another service would; waits for every outcome. */
  async round(producer: Producer, requests: any[], say: (l: string) => void) {
    const watcher = this.watcher!;
    const before = watcher.arrivals.size;
    requests.forEach((r) => this.ids.add(r.requestId));
    const started = performance.now();
    const progress = setInterval(
      () =>
        say(`  ${watcher.arrivals.size - before}/${requests.length} (${secondsSince(started)})`),
      5000,
    );
    try {
      const sentAt: number[] = [];
      for (let i = 0; i < requests.length; i += 500) {
        const chunk = requests.slice(i, i + 500);
        const at = performance.now();
        chunk.forEach(() => sentAt.push(at));
        await producer.send({
          topic: this.inTopic,
          messages: chunk.map((r) => ({ key: r.personId, value: JSON.stringify(r) })),
        });
      }
      await watcher.all(this.ids.size, 600_000);
      const arrivals = requests.map((r) => watcher.arrivals.get(r.requestId)!);
      const hired = arrivals.filter((a) => a.event.type === 'employee.hired').length;
      return {
        perSecond: requests.length / ((Math.max(...arrivals.map((a) => a.at)) - started) / 1000),
        latency: latencyOf(arrivals.map((a, i) => a.at - sentAt[i])),
        hired,
        rejected: requests.length - hired,
      } satisfies HiresFigures;
    } finally {
      clearInterval(progress);
    }
  }

  stop(): Promise<void> {
    return this.watcher?.stop() ?? Promise.resolve();
  }
}

/**
 * Verified hires through the product against the verifying raw pipeline (the same work) and the
 * floor pipeline (no verification), alternated in rounds of `count` distinct valid hires each.
 */
export async function hiresBench(
  stack: BenchStack,
  seed: SeedData,
  plan: { count: number; rounds: number },
  meter: CpuMeter,
  say: (line: string) => void,
): Promise<HiresRow> {
  const run = randomUUID().slice(0, 8);
  const { count } = plan;
  const requestsOf = (side: Side, round: number) =>
    Array.from({ length: count }, (_, i) => ({
      requestId: `bench-${run}-${side}-${round}-${i}`,
      ...nthHire(seed, seed.hireCompanies, round * count + i, 0),
    }));
  const floor = await startFloorPipeline(stack, run);
  const verifying = await startVerifiedPipeline(stack, run, seed).catch(async (error) => {
    await floor.stop();
    throw error;
  });
  const producer = plainKafka(stack.brokers, 'other-team').producer();
  const sides = {
    product: new HireSide(EVENT_TOPICS.hireRequests, EVENT_TOPICS.employment),
    verifying: new HireSide(verifying.inTopic, verifying.outTopic),
    floor: new HireSide(floor.inTopic, floor.outTopic),
  };
  const meters = {
    product: meter,
    verifying: meter.withProcesses(pidsOf(verifying)),
    floor: meter.withProcesses(pidsOf(floor)),
  };
  try {
    await producer.connect();
    await Promise.all(Object.values(sides).map((s) => s.start(stack.brokers)));
    const side = (name: Side) => (round: number) =>
      meters[name].measure(
        `verified hire (Kafka request)`,
        () => sides[name].round(producer, requestsOf(name, round), say),
        () => count,
      );
    const results = await alternate(
      plan.rounds,
      { product: side('product'), verifying: side('verifying'), floor: side('floor') },
      (round, name) => say(`hires: round ${round + 1}, ${count} requests, ${name}`),
    );
    const rssMb = [...Object.entries(verifying.processes), ...Object.entries(floor.processes)].map(
      ([name, p]) => [name, peakRssMb(p.pid)] as [string, number | undefined],
    );
    return {
      count,
      rounds: {
        product: results.product.map((r) => r.result),
        verifying: results.verifying.map((r) => r.result),
        floor: results.floor.map((r) => r.result),
      },
      cpu: {
        product: combineCpu(results.product.map((r) => r.use)),
        verifying: combineCpu(results.verifying.map((r) => r.use)),
        floor: combineCpu(results.floor.map((r) => r.use)),
      },
      rssMb,
    };
  } finally {
    await Promise.all(Object.values(sides).map((s) => s.stop()));
    await producer.disconnect();
    await Promise.all([floor.stop(), verifying.stop()]);
  }
}
