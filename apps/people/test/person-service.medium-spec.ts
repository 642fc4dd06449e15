import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { OutboxWriter } from '#outbox';
import { migratedTestDatabase, type MigratedDatabase } from '#testing';
import { peopleDataSourceOptions } from '../src/database/people-data-source.options.js';
import { PersonService } from '../src/person/person.service.js';

describe(`${PersonService.name} (CRUD on real PostgreSQL, no broker)`, () => {
  let db: MigratedDatabase;
  let people: PersonService;
  const context = (extra: { idempotencyKey?: string } = {}) => ({
    correlationId: `corr-${randomUUID()}`,
    ...extra,
  });
  const eventsOf = async (id: string) =>
    (
      await db.dataSource.query<Array<{ event_type: string }>>(
        'SELECT event_type FROM outbox WHERE message_key = $1 ORDER BY id',
        [id],
      )
    ).map((r) => r.event_type);

  beforeAll(async () => {
    db = await migratedTestDatabase('people', (url) => peopleDataSourceOptions(url, 4));
    people = new PersonService(db.dataSource, new OutboxWriter());
  });
  afterAll(async () => db?.drop());

  it('creates, reads, updates and deletes a person, each change with its event', async () => {
    const created = await people.create({ fullName: 'Ada Lovelace', country: 'GB' }, context());
    expect(await people.get(created.id)).toEqual(created);
    const updated = await people.update(created.id, { address: '1 St James' }, context());
    expect(updated).toMatchObject({ fullName: 'Ada Lovelace', address: '1 St James' });
    await people.remove(created.id, context());
    await expect(people.get(created.id)).rejects.toMatchObject({ error: { status: 404 } });
    await expect(people.remove(created.id, context())).rejects.toMatchObject({
      error: { status: 404 },
    });
    expect(await eventsOf(created.id)).toEqual([
      'person.created',
      'person.updated',
      'person.deleted',
    ]);
  });

  it('creates once per Idempotency-Key, and answers 409 EMAIL_TAKEN for a second person with an email', async () => {
    const email = `${randomUUID()}@example.org`;
    const key = context({ idempotencyKey: randomUUID() });
    const [first, again] = await Promise.all([
      people.create({ fullName: 'Grace Hopper', email }, key),
      people.create({ fullName: 'Grace Hopper', email }, key),
    ]);
    expect(again).toEqual(first);
    await expect(people.create({ fullName: 'Other', email }, context())).rejects.toMatchObject({
      error: { status: 409, code: 'EMAIL_TAKEN' },
    });
    expect(await eventsOf(first.id)).toEqual(['person.created']);
  });

  it('lists by search text as data (LIKE wildcards escaped) and finds only existing ids', async () => {
    const tag = randomUUID().slice(0, 8);
    const plain = await people.create({ fullName: `${tag} plain` }, context());
    const percent = await people.create({ fullName: `${tag} 100%` }, context());
    const page = await people.list({ limit: 10, offset: 0, q: `${tag} 100%` });
    expect(page.items.map((p) => p.id)).toEqual([percent.id]);
    expect((await people.list({ limit: 10, offset: 0, q: tag })).total).toBe(2);
    const found = await people.findByIds([plain.id, randomUUID(), plain.id]);
    expect(found.map((p) => p.id)).toEqual([plain.id]);
  });
});
