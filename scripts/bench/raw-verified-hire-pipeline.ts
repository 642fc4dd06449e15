/**
 * The fair hires baseline: the product's work with plain kafkajs and pg, no framework. Per fetched
 * batch of IN_TOPIC: asks PEOPLE_TOPIC and COMPANIES_TOPIC (raw responders reading the two tables)
 * for the batch's distinct ids by request/reply (replies on REPLY_TOPIC), decides, inserts the
 * employees and one outbox row per outcome in one transaction, publishes the outcomes to OUT_TOPIC
 * with one send and marks the outbox rows published. Same consumer settings as the product's
 * BatchConsumer (maxWaitTimeInMs 100, 3 partitions at once).
 */
import pg from 'pg';
import { announceReady } from './baseline-process.js';
import { rawKafkaClients } from './raw-kafka-clients.js';
import { RawRequester } from './raw-requester.js';
import { recordHires, type HireRequest } from './raw-hire-decisions.js';

const env = process.env as Record<string, string>;
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 4 });
pool.on('error', () => {}); // an idle connection closed by the bench's DROP DATABASE at the end

const { kafka, producer, consumer, joined } = await rawKafkaClients('raw-verified-pipeline');
const requester = new RawRequester(kafka, env.PEOPLE_TOPIC, env.REPLY_TOPIC);
await requester.start();

/** The ids among `ids` that the responder on `topic` found. */
async function known(topic: string, ids: string[]): Promise<Set<string>> {
  const reply = await requester.request({ ids: [...new Set(ids)] }, topic);
  return new Set((JSON.parse(reply!.toString()).found as Array<{ id: string }>).map((r) => r.id));
}

await consumer.run({
  partitionsConsumedConcurrently: 3,
  eachBatch: async ({ batch }) => {
    const requests: HireRequest[] = batch.messages.map((m) => JSON.parse(m.value!.toString()));
    const [people, companies] = await Promise.all([
      known(
        env.PEOPLE_TOPIC,
        requests.map((r) => r.personId),
      ),
      known(
        env.COMPANIES_TOPIC,
        requests.map((r) => r.companyId),
      ),
    ]);
    const client = await pool.connect();
    try {
      const outcomes = await recordHires(client, requests, people, companies);
      await producer.send({
        topic: env.OUT_TOPIC,
        messages: outcomes.map((o) => ({ key: o.key, value: o.payload })),
      });
      await client.query(
        'UPDATE outbox SET published_at = now() WHERE event_id = ANY($1::uuid[])',
        [outcomes.map((o) => o.eventId)],
      );
    } finally {
      client.release();
    }
  },
});
await joined;
announceReady({});
process.on('SIGTERM', () => {
  void Promise.all([consumer.disconnect(), producer.disconnect(), requester.stop()])
    .then(() => pool.end())
    .then(() => process.exit(0));
});
