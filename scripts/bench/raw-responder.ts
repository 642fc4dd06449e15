/**
 * The request/reply baseline's answering side: a plain kafkajs `eachBatch` consumer of IN_TOPIC
 * that answers every request of a batch to the reply topic and partition named in its headers, with
 * one send per batch. Same consumer wait as the product's request server (maxWaitTimeInMs 100).
 * Without TABLE it echoes each request; with TABLE (and DATABASE_URL) each request is `{ ids }` and
 * its reply `{ found }`, the rows of TABLE with those ids, read with one SELECT per batch, as the
 * product's people and companies services answer `find-by-ids`.
 */
import type { KafkaMessage, Message } from 'kafkajs';
import pg from 'pg';
import { announceReady } from './baseline-process.js';
import { rawKafkaClients } from './raw-kafka-clients.js';

const table = process.env.TABLE;
if (table && !/^[a-z_]+$/.test(table)) throw new Error(`TABLE must be a table name, got ${table}`);
const pool = table
  ? new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 })
  : undefined;
pool?.on('error', () => {}); // an idle connection closed by the bench's DROP DATABASE at the end

/** Each request's reply value: the request itself, or the rows it asked for. */
async function answers(messages: KafkaMessage[]): Promise<Array<Buffer | string | null>> {
  if (!pool) return messages.map((m) => m.value);
  const asked = messages.map((m) => JSON.parse(m.value!.toString()).ids as string[]);
  const { rows } = await pool.query(`SELECT * FROM ${table} WHERE id = ANY($1::uuid[])`, [
    [...new Set(asked.flat())],
  ]);
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  return asked.map((ids) => JSON.stringify({ found: ids.flatMap((id) => byId.get(id) ?? []) }));
}

const { producer, consumer, joined } = await rawKafkaClients('raw-responder');
await consumer.run({
  partitionsConsumedConcurrently: 6,
  eachBatch: async ({ batch }) => {
    const values = await answers(batch.messages);
    const replies = new Map<string, Message[]>();
    batch.messages.forEach((m, i) => {
      const topic = String(m.headers!['reply-topic']);
      const list = replies.get(topic) ?? replies.set(topic, []).get(topic)!;
      list.push({
        partition: Number(String(m.headers!['reply-partition'])),
        value: values[i],
        headers: { 'correlation-id': m.headers!['correlation-id']! },
      });
    });
    await producer.sendBatch({
      topicMessages: [...replies].map(([topic, messages]) => ({ topic, messages })),
    });
  },
});
await joined;
announceReady({});
process.on('SIGTERM', () => {
  void Promise.all([consumer.disconnect(), producer.disconnect()])
    .then(() => pool?.end())
    .then(() => process.exit(0));
});
