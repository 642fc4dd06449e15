import { randomUUID } from 'node:crypto';
import { PEOPLE_PATTERNS } from '#contracts';
import { KafkaRequester } from '#messaging';
import { ensureBenchTopics } from './bench-topics.js';
import type { BenchStack } from './bench-stack.js';
import { startBaseline } from './baseline-process.js';
import { closedLoop, type LoopResult } from './load-loops.js';
import { plainKafka } from './outcome-watcher.js';
import { peakRssMb } from './peak-rss.js';
import { RawRequester } from './raw-requester.js';
import { alternate } from './rounds.js';
import { latencyOf, type Latency } from './stats.js';

export interface RoundTrips {
  concurrency: number;
  perSecond: number;
  latency: Latency;
  failures: number;
}

function summary(concurrency: number, r: LoopResult): RoundTrips {
  return {
    concurrency,
    perSecond: r.latencies.length / r.seconds,
    latency: latencyOf(r.latencies),
    failures: r.failures,
  };
}

/** `people.get` through the product's KafkaRequester against a raw kafkajs echo, closed loops in rounds. */
export async function rpcBench(
  stack: BenchStack,
  personId: string,
  plan: { levels: number[]; seconds: number; rounds: number },
  say: (line: string) => void,
) {
  const { seconds } = plan;
  const run = randomUUID().slice(0, 8);
  const [replies, rawRequests, rawReplies] = [
    `bench.replies.${run}`,
    `bench.rr-requests.${run}`,
    `bench.rr-replies.${run}`,
  ];
  await ensureBenchTopics(stack.kafka, [
    { topic: replies, numPartitions: 1 },
    { topic: rawRequests, numPartitions: 6 },
    { topic: rawReplies, numPartitions: 1 },
  ]);
  const producer = stack.kafka.producer();
  await producer.connect();
  const requester = new KafkaRequester(stack.kafka, producer, {
    replyTopic: replies,
    timeoutMs: 10_000,
  });
  await requester.start();
  const responder = await startBaseline('raw-responder', {
    KAFKA_BROKERS: stack.brokers,
    IN_TOPIC: rawRequests,
    GROUP: `bench-rr-${run}`,
  });
  const raw = new RawRequester(plainKafka(stack.brokers), rawRequests, rawReplies);
  await raw.start();
  const results: Array<{ product: RoundTrips[]; baseline: RoundTrips[] }> = [];
  try {
    for (const c of plan.levels) {
      const rounds = await alternate(
        plan.rounds,
        {
          product: async () =>
            summary(
              c,
              await closedLoop(c, seconds, () =>
                requester.request(PEOPLE_PATTERNS.get, { id: personId }, { key: personId }),
              ),
            ),
          baseline: async () =>
            summary(c, await closedLoop(c, seconds, () => raw.request({ id: personId }))),
        },
        (round, side) =>
          say(
            `request/reply: people.get, ${c} in flight, ${seconds} s, round ${round + 1}, ${side}`,
          ),
      );
      results.push(rounds);
    }
    return { results, responderRssMb: peakRssMb(responder.pid) };
  } finally {
    await Promise.all([requester.stop(), raw.stop(), responder.stop()]);
    await producer.disconnect();
  }
}
