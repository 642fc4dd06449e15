import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { rm } from 'node:fs/promises';
import type { INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { EVENT_TOPICS, allTopics } from '#contracts';
import { KafkaEnvSchema } from '#config';
import { startKafkaBroker, waitFor, type KafkaBroker } from '#devstack';
import { createKafka, ensureTopics } from '#messaging';
import { TopicRecorder, dropTestDatabases, queryDatabase, testDatabaseUrl } from '#testing';
import { loadPeopleConfig } from '../src/config/people.config.js';
import { PeopleModule } from '../src/people.module.js';
import { PersonService } from '../src/person/person.service.js';

/** The people service in-process (no request/reply server), writing through PersonService. */
async function peopleApp(databaseUrl: string, brokers: string): Promise<INestApplication> {
  const config = loadPeopleConfig({
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: brokers,
    REQUEST_TIMEOUT_MS: '1000',
  });
  const moduleRef = await Test.createTestingModule({
    imports: [PeopleModule.register(config)],
  }).compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter());
  await app.init();
  return app;
}

const unpublished = async (url: string) =>
  Number(
    (await queryDatabase(url, 'SELECT count(*) AS n FROM outbox WHERE published_at IS NULL'))[0].n,
  );

describe('OutboxRelay (own broker, stopped and started by the test)', () => {
  const databaseUrl = testDatabaseUrl('people');
  let broker: KafkaBroker;
  let apps: INestApplication[] = [];
  let recorder: TopicRecorder;

  beforeAll(async () => {
    broker = await startKafkaBroker({ heapMb: 256 });
    await ensureTopics(
      createKafka(KafkaEnvSchema.parse({ KAFKA_BROKERS: broker.bootstrapServers }), 'test'),
      allTopics(),
    );
    apps = [
      await peopleApp(databaseUrl, broker.bootstrapServers),
      await peopleApp(databaseUrl, broker.bootstrapServers),
    ];
    recorder = await new TopicRecorder([EVENT_TOPICS.people], [broker.bootstrapServers]).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await Promise.all(apps.map((app) => app.close()));
    await broker?.stop();
    if (broker) await rm(broker.dataDir, { recursive: true, force: true });
    await dropTestDatabases(databaseUrl);
  });

  it('publishes each committed change once, promptly, with two relays on the same database', async () => {
    const services = apps.map((app) => app.get(PersonService));
    const people = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        services[i % 2].create({ fullName: `Relay ${i}` }, { correlationId: null }),
      ),
    );
    const ids = new Set(people.map((p) => p.id));
    await recorder.waitFor('100 person.created', (v) => ids.has(v.aggregateId), 100, 10_000);
    await waitFor('the outbox to drain', async () =>
      (await unpublished(databaseUrl)) === 0 ? true : undefined,
    );
    const eventIds = recorder
      .matching((v) => ids.has(v.aggregateId))
      .map((m) => m.headers['event-id']);
    expect(new Set(eventIds).size).toBe(100);
    expect(eventIds).toHaveLength(100);
  });

  it('keeps changes committed while the broker is down and sends them all, in order, when it is back', async () => {
    const people = apps[0].get(PersonService);
    await broker.stop();

    const created = await people.create(
      { fullName: 'Written while Kafka was down' },
      { correlationId: 'outage-1' },
    );
    await people.update(created.id, { country: 'LV' }, { correlationId: 'outage-2' });
    const others = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        apps[1].get(PersonService).create({ fullName: `Down ${i}` }, { correlationId: null }),
      ),
    );
    expect(await unpublished(databaseUrl)).toBe(7);

    await broker.start();
    const ids = new Set([created.id, ...others.map((p) => p.id)]);
    // Delivery is at least once: a send cut by the outage may be repeated. Each event arrives, in order.
    const events = await recorder.waitForEvents(
      '7 events after the outage',
      (v) => ids.has(v.aggregateId),
      7,
      60_000,
    );
    expect(events).toHaveLength(7);
    expect(events.filter((m) => m.key === created.id).map((m) => m.json().type)).toEqual([
      'person.created',
      'person.updated',
    ]);
    await waitFor('the outbox to drain', async () =>
      (await unpublished(databaseUrl)) === 0 ? true : undefined,
    );
  });
});
