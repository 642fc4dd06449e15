import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { EVENT_TOPICS, createEnvelope, EVENT_TYPES } from '#contracts';
import { ensureTopics } from '#messaging';
import type { BenchStack } from './bench-stack.js';
import { benchHttp } from './bench-http.js';
import type { CpuMeter } from './cpu-meter.js';
import { atRate } from './load-loops.js';
import { plainKafka, watchTopic, type OutcomeWatcher } from './outcome-watcher.js';
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

/** Lag of each watched event: when it was readable minus its occurredAt, in ms. */
function lags(watcher: OutcomeWatcher): number[] {
  return [...watcher.arrivals.values()].map(
    (a) => performance.timeOrigin + a.at - Date.parse(a.event.occurredAt),
  );
}

/** POST /people at `rate`/s: person.created on people.events, against a raw pg INSERT + kafkajs send. */
export async function eventLagBench(
  stack: BenchStack,
  rate: number,
  seconds: number,
  meter: CpuMeter,
  say: (line: string) => void,
) {
  const run = randomUUID().slice(0, 8);
  const prefix = `Lag ${run} `;
  const mine = (e: any) => (String(e.data?.fullName ?? '').startsWith(prefix) ? e.id : undefined);

  say(`event lag: POST /people at ${rate}/s for ${seconds} s, read on ${EVENT_TOPICS.people}`);
  const { result: product, use: productCpu } = await meter.measure(
    `POST /people at ${rate}/s (event lag row)`,
    async (): Promise<LagFigures> => {
      const watcher = await watchTopic(stack.brokers, EVENT_TOPICS.people, mine);
      const { issued, failures, reasons } = await atRate(rate, seconds, async (i) => {
        const res = await benchHttp('POST', `${stack.gatewayUrl}/people`, {
          fullName: `${prefix}${i}`,
        });
        if (res.status !== 201) throw new Error(`${res.status} ${res.body?.detail ?? ''}`.trim());
      });
      if (failures)
        say(`event lag: ${failures}/${issued} POST /people failed: ${describe(reasons)}`);
      await watcher.all(issued - failures, 30_000).catch(() => undefined);
      await watcher.stop();
      return {
        latency: latencyOf(lags(watcher)),
        events: watcher.arrivals.size,
        failures,
        heldRate: issued / seconds,
      };
    },
    (figures) => figures.events,
  );

  say(`event lag: raw pg INSERT + kafkajs send at ${rate}/s for ${seconds} s`);
  const topic = `bench.raw-events.${run}`;
  await ensureTopics(stack.kafka, [{ topic, numPartitions: 6 }]);
  const db = await createScratchDatabase('lag');
  const pool = new pg.Pool({ connectionString: db, max: 10 });
  pool.on('error', () => {}); // an idle connection closed by the DROP at the end
  const producer = plainKafka(stack.brokers).producer();
  try {
    await pool.query(
      'CREATE TABLE people (id uuid PRIMARY KEY, full_name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
    );
    await producer.connect();
    const rawWatcher = await watchTopic(stack.brokers, topic, mine);
    const { issued: rawIssued, failures: rawFailures } = await atRate(rate, seconds, async (i) => {
      const person = { id: randomUUID(), fullName: `${prefix}${i}` };
      const event = createEnvelope(EVENT_TYPES.personCreated, person.id, person);
      await pool.query('INSERT INTO people (id, full_name) VALUES ($1, $2)', [
        person.id,
        person.fullName,
      ]);
      await producer.send({ topic, messages: [{ key: person.id, value: JSON.stringify(event) }] });
    });
    await rawWatcher.all(rawIssued - rawFailures, 30_000).catch(() => undefined);
    await rawWatcher.stop();
    const baseline: LagFigures = {
      latency: latencyOf(lags(rawWatcher)),
      events: rawWatcher.arrivals.size,
      failures: rawFailures,
      heldRate: rawIssued / seconds,
    };
    return { product, baseline, productCpu };
  } finally {
    await Promise.all([pool.end(), producer.disconnect()]);
    await dropScratchDatabases(db);
  }
}
