import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { waitFor } from '#devstack';
import { TestStack, http, queryDatabase } from '#testing';

/** True once group `groupId` committed every partition of `topic` up to its end. */
async function committedToEnd(groupId: string, topic: string): Promise<boolean> {
  const admin = new Kafka({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return ends.every(({ partition, high }) => {
      const at = committed.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
      return high === '0' || at === high;
    });
  } finally {
    await admin.disconnect();
  }
}

// The window of issue 15: a request answered whose offset was not committed yet is handled again
// after a crash. Services here commit offsets only every ten minutes (after the first), so every
// request below is in that window when they are killed; the gateway waits a minute for answers,
// so the copies read again by the next replicas are still within their deadline.
describe('a write request delivered again after a crash (kill -9 before the offset commit)', () => {
  const stack = new TestStack(
    {},
    {
      gateway: { REQUEST_TIMEOUT_MS: '60000' },
      people: { OFFSET_COMMIT_INTERVAL_MS: '600000' },
      employment: { OFFSET_COMMIT_INTERVAL_MS: '600000' },
    },
  );
  const gw = () => stack.gatewayUrl;

  beforeAll(async () => {
    await stack.start({ people: 1, companies: 1, employment: 1, gateway: 1 });
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('is answered from the first copy: one person, one hire, one event each', async () => {
    // The first requests of each group are committed at once; the ones after them wait.
    await http('POST', `${gw()}/people`, { fullName: 'Warm-up' });
    const name = `Once ${randomUUID().slice(0, 8)}`;
    const person = await http('POST', `${gw()}/people`, { fullName: name });
    const company = await http('POST', `${gw()}/companies`, { name, country: 'US' });
    expect([person.status, company.status]).toEqual([201, 201]);
    const hire = await http('POST', `${gw()}/employees`, {
      personId: person.body.id,
      companyId: company.body.id,
      cardId: 1,
    });
    expect(hire.status).toBe(201);
    expect(await committedToEnd('people', 'people.create')).toBe(false);

    for (const app of ['people', 'employment'] as const) {
      const [victim] = stack.replicas(app);
      await victim.process.kill();
      await stack.waitHealthy(await stack.add(app, { OFFSET_COMMIT_INTERVAL_MS: '100' }));
    }
    await waitFor(
      'the next replicas to handle the requests again and commit them',
      async () =>
        (await committedToEnd('people', 'people.create')) &&
        (await committedToEnd('employment', 'employment.hire')),
      60_000,
      250,
    );

    const people = await queryDatabase(
      stack.databases.people,
      'SELECT id FROM people WHERE full_name = $1',
      [name],
    );
    expect(people).toEqual([{ id: person.body.id }]);
    const employees = await queryDatabase(
      stack.databases.employment,
      'SELECT id FROM employees WHERE person_id = $1',
      [person.body.id],
    );
    expect(employees).toEqual([{ id: hire.body.id }]);
    // Events leave through the outbox: one row each is one event each.
    const outboxRows = (database: string, type: string, key: string) =>
      queryDatabase(
        database,
        'SELECT event_id FROM outbox WHERE event_type = $1 AND message_key = $2',
        [type, key],
      );
    expect(await outboxRows(stack.databases.people, 'person.created', person.body.id)).toHaveLength(
      1,
    );
    expect(
      await outboxRows(stack.databases.employment, 'employee.hired', hire.body.id),
    ).toHaveLength(1);
  });
});
