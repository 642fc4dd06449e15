/**
 * Throughput against a running system (`npm start` first): HTTP creates through the gateway, then
 * hire requests on Kafka verified by request/reply, timed until every outcome event arrived.
 * BENCH_HIRES (default 5000), BENCH_HTTP (default 1000), BENCH_CONCURRENCY (default 32),
 * GATEWAY_URL, KAFKA_BROKERS.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { EVENT_TOPICS } from '#contracts';
import { mintToken } from '#devstack';

const gateway = process.env.GATEWAY_URL ?? 'http://localhost:3000';
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const hires = Number(process.env.BENCH_HIRES ?? 5000);
const httpCalls = Number(process.env.BENCH_HTTP ?? 1000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);

// One client (token subject) per concurrent caller, as the gateway's rate limit counts per client;
// GATEWAY_TOKEN replaces them with one token from a real identity provider.
const tokens = await Promise.all(
  Array.from(
    { length: concurrency },
    (_, i) =>
      process.env.GATEWAY_TOKEN ?? mintToken({ subject: `bench-client-${i}`, ttlSeconds: 3600 }),
  ),
);

async function post(
  path: string,
  body: unknown,
  client = 0,
): Promise<{ status: number; body: any; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${gateway}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${tokens[client % tokens.length]}`,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), ms: performance.now() - started };
}

/** Runs `count` calls of `work`, `concurrency` at a time; returns their results in order. */
async function pool<T>(count: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await work(i);
      }
    }),
  );
  return results;
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.floor((p / 100) * values.length))
  ];

console.log(`[bench] HTTP: ${httpCalls} POST /people, ${concurrency} at a time`);
let started = performance.now();
const people = await pool(httpCalls, (i) => post('/people', { fullName: `Bench ${i}` }, i));
let seconds = (performance.now() - started) / 1000;
const failed = people.filter((r) => r.status !== 201).length;
const latencies = people.map((r) => r.ms);
console.log(
  `[bench] HTTP: ${(httpCalls / seconds).toFixed(0)} creates/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
    `p99 ${percentile(latencies, 99).toFixed(1)} ms, ${failed} failed`,
);

const companies = await pool(Math.ceil(hires / 1000), (i) =>
  post('/companies', { name: `Bench Co ${i}` }, i),
);
const run = randomUUID().slice(0, 8);
const requests = Array.from({ length: hires }, (_, i) => ({
  requestId: `bench-${run}-${i}`,
  personId: people[i % people.length].body.id,
  companyId: companies[Math.floor(i / people.length) % companies.length].body.id,
  cardId: i,
}));

const kafka = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING });
const consumer = kafka.consumer({ groupId: `bench-${run}` });
const producer = kafka.producer();
await Promise.all([consumer.connect(), producer.connect()]);
await consumer.subscribe({ topic: EVENT_TOPICS.employment, fromBeginning: false });
const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
const outcomes = new Map<string, string>();
let resolveAll: () => void;
const allArrived = new Promise<void>((resolve) => (resolveAll = resolve));
await consumer.run({
  eachBatch: async ({ batch }) => {
    for (const m of batch.messages) {
      const event = JSON.parse(m.value!.toString());
      if (
        typeof event.correlationId === 'string' &&
        event.correlationId.startsWith(`bench-${run}-`)
      ) {
        outcomes.set(event.correlationId, event.type);
      }
    }
    if (outcomes.size >= hires) resolveAll();
  },
});

await joined;
console.log(
  `[bench] Kafka: ${hires} hire requests (each verified with the people and companies services)`,
);
started = performance.now();
for (let i = 0; i < requests.length; i += 500) {
  await producer.send({
    topic: EVENT_TOPICS.hireRequests,
    messages: requests
      .slice(i, i + 500)
      .map((r) => ({ key: r.personId, value: JSON.stringify(r) })),
  });
}
const progress = setInterval(
  () => console.log(`[bench] ... ${outcomes.size}/${hires} outcomes`),
  2000,
);
await Promise.race([
  allArrived,
  new Promise((_, reject) =>
    setTimeout(() => reject(new Error('timed out after 300 s')), 300_000).unref(),
  ),
]);
clearInterval(progress);
seconds = (performance.now() - started) / 1000;
const hired = [...outcomes.values()].filter((t) => t === 'employee.hired').length;
console.log(
  `[bench] Kafka: ${(hires / seconds).toFixed(0)} verified hires/s (${hired} hired, ${hires - hired} rejected) in ${seconds.toFixed(1)} s`,
);
await Promise.all([consumer.disconnect(), producer.disconnect()]);
