import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { EVENT_TOPICS, createEnvelope, EVENT_TYPES } from '#contracts';
import { ensureBenchTopics } from './bench-topics.js';
import type { BenchStack } from './bench-stack.js';
import { benchHttp } from './bench-http.js';
import { combineCpu, type CpuMeter } from './cpu-meter.js';
import { atRate } from './load-loops.js';
import { plainKafka, watchTopic, type OutcomeWatcher } from './outcome-watcher.js';
import { alternate } from './rounds.js';
import { createScratchDatabase, dropScratchDatabases } from './scratch-database.js';
import { latencyOf, type Latency } from './stats.js';

export interface LagFigures {
  latency: Latency;
  events: number;
  failures: number;
  /** Writes started per second: below the target when the bench itself could not keep up. */
  heldRate: number;
}

/** "503 no reply ... x 12, ..." for a progress line. */
function describe(reasons: Map<string, number>): string {
  return [...reasons].map(([reason, n]) => `${reason} x ${n}`).join('; ');
}

/** One side's rounds: `write(name)` at `rate`/s, each written person's event timed on `watcher`. */
async function lagRound(
  watcher: OutcomeWatcher,
  prefix: string,
  plan: { rate: number; seconds: number },
  write: (fullName: string) => Promise<void>,
  say: (line: string) => void,
): Promise<LagFigures> {
  const { issued, failures, reasons } = await atRate(plan.rate, plan.seconds, (i) =>
    write(`${prefix}${i}`),
  );
  if (failures) say(`event lag: ${failures}/${issued} writes failed: ${describe(reasons)}`);
  const mine = () =>
    [...watcher.arrivals.values()].filter((a) => a.event.data.fullName.startsWith(prefix));
  const deadline = Date.now() + 30_000;
  while (mine().length < issued - failures && Date.now() < deadline) {
    await watcher.all(watcher.arrivals.size + 1, deadline - Date.now()).catch(() => undefined);
  }
  const arrivals = mine();
  return {
    // when it was readable minus its occurredAt (stamped inside the commit; the same clock)
    latency: latencyOf(
      arrivals.map((a) => performance.timeOrigin + a.at - Date.parse(a.event.occurredAt)),
    ),
    events: arrivals.length,
    failures,
    heldRate: issued / plan.seconds,
  };
}

/**
 * POST /people at `rate`/s (person.created on people.events) against a raw pg INSERT then kafkajs
 * send of the same envelope, alternated in rounds.
 */
export async function eventLagBench(
  stack: BenchStack,
  plan: { rate: number; seconds: number; rounds: number },
  meter: CpuMeter,
  say: (line: string) => void,
) {
  const run = randomUUID().slice(0, 8);
  const ours = (e: any) =>
    String(e.data?.fullName ?? '').startsWith(`Lag ${run} `) ? e.id : undefined;
  const topic = `bench.raw-events.${run}`;
  await ensureBenchTopics(stack.kafka, [{ topic, numPartitions: 6 }]);
  const db = await createScratchDatabase('lag');
  const pool = new pg.Pool({ connectionString: db, max: 10 });
  pool.on('error', () => {}); // an idle connection closed by the DROP at the end
  const producer = plainKafka(stack.brokers).producer();
  const watchers: OutcomeWatcher[] = [];
  try {
    await pool.query(
      'CREATE TABLE people (id uuid PRIMARY KEY, full_name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
    );
    await producer.connect();
    const [productWatcher, rawWatcher] = await Promise.all([
      watchTopic(stack.brokers, EVENT_TOPICS.people, ours),
      watchTopic(stack.brokers, topic, ours),
    ]);
    watchers.push(productWatcher, rawWatcher);
    const viaGateway = async (fullName: string) => {
      const res = await benchHttp('POST', `${stack.gatewayUrl}/people`, { fullName });
      if (res.status !== 201) throw new Error(`${res.status} ${res.body?.detail ?? ''}`.trim());
    };
    const raw = async (fullName: string) => {
      const person = { id: randomUUID(), fullName };
      const event = createEnvelope(EVENT_TYPES.personCreated, person.id, person);
      await pool.query('INSERT INTO people (id, full_name) VALUES ($1, $2)', [person.id, fullName]);
      await producer.send({ topic, messages: [{ key: person.id, value: JSON.stringify(event) }] });
    };
    const rowName = `POST /people at ${plan.rate}/s (event lag row)`;
    const rounds = await alternate(
      plan.rounds,
      {
        product: (r) =>
          meter.measure(
            rowName,
            () => lagRound(productWatcher, `Lag ${run} p${r} `, plan, viaGateway, say),
            (f) => f.events,
          ),
        baseline: (r) =>
          meter.withProcesses({}).measure(
            rowName,
            () => lagRound(rawWatcher, `Lag ${run} b${r} `, plan, raw, say),
            (f) => f.events,
          ),
      },
      (round, side) =>
        say(`event lag: ${plan.rate}/s for ${plan.seconds} s, round ${round + 1}, ${side}`),
    );
    return {
      product: rounds.product.map((r) => r.result),
      baseline: rounds.baseline.map((r) => r.result),
      productCpu: combineCpu(rounds.product.map((r) => r.use)),
      baselineCpu: combineCpu(rounds.baseline.map((r) => r.use)),
    };
  } finally {
    await Promise.all(watchers.map((w) => w.stop()));
    await Promise.all([pool.end(), producer.disconnect()]);
    await dropScratchDatabases(db);
  }
}
