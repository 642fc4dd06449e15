/**
 * The hires baseline: a plain kafkajs `eachBatch` consumer of IN_TOPIC that writes each batch with
 * one multi-row INSERT into a scratch table (DATABASE_URL) and produces all outcomes of the batch to
 * OUT_TOPIC with one send. No verification: the machine's ceiling for consume, commit, produce.
 * Same consumer settings as the product's BatchConsumer (maxWaitTimeInMs 100, 3 partitions at once).
 */
import pg from 'pg';
import { announceReady } from './baseline-process.js';
import { rawKafkaClients } from './raw-kafka-clients.js';

const env = process.env as Record<string, string>;
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 4 });
pool.on('error', () => {}); // an idle connection closed by the bench's DROP DATABASE at the end
await pool.query(`CREATE TABLE IF NOT EXISTS hires (request_id text PRIMARY KEY, person_id uuid NOT NULL,
  company_id uuid NOT NULL, card_id integer NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);

const { producer, consumer, joined } = await rawKafkaClients('raw-pipeline');
await consumer.run({
  partitionsConsumedConcurrently: 3,
  eachBatch: async ({ batch }) => {
    const requests = batch.messages.map((m) => JSON.parse(m.value!.toString()));
    await pool.query(
      `INSERT INTO hires (request_id, person_id, company_id, card_id)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::int[]) ON CONFLICT DO NOTHING`,
      [
        requests.map((r) => r.requestId),
        requests.map((r) => r.personId),
        requests.map((r) => r.companyId),
        requests.map((r) => r.cardId),
      ],
    );
    await producer.send({
      topic: env.OUT_TOPIC,
      messages: requests.map((r) => ({
        key: r.personId,
        value: JSON.stringify({ type: 'employee.hired', correlationId: r.requestId, data: r }),
      })),
    });
  },
});
await joined;
announceReady({});
process.on('SIGTERM', () => {
  void Promise.all([consumer.disconnect(), producer.disconnect()])
    .then(() => pool.end())
    .then(() => process.exit(0));
});
