import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EVENT_TOPICS } from '#contracts';
import { TestStack, TopicRecorder, http, queryDatabase } from '#testing';

describe('people through the gateway (2 gateways, 2 people services, real Kafka and PostgreSQL)', () => {
  const stack = new TestStack();
  const events = new TopicRecorder([EVENT_TOPICS.people]);
  const countPeople = async () =>
    Number((await queryDatabase(stack.databases.people, 'SELECT count(*) AS n FROM people'))[0].n);

  beforeAll(async () => {
    await events.start();
    await stack.start({ people: 2, gateway: 2 });
  });

  afterAll(async () => {
    await events.stop();
    await stack.stop();
  });

  it('creates a person: 201, the row in the people database, and a person.created event with the envelope', async () => {
    const res = await http(
      'POST',
      `${stack.gatewayUrl}/people`,
      {
        fullName: '  Kelly Jetson ',
        address: '1 Orbit Way',
        country: 'US',
      },
      { 'x-correlation-id': 'e2e-create-1' },
    );

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      fullName: 'Kelly Jetson',
      email: null,
      address: '1 Orbit Way',
      country: 'US',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const rows = await queryDatabase(
      stack.databases.people,
      'SELECT full_name FROM people WHERE id = $1',
      [res.body.id],
    );
    expect(rows).toEqual([{ full_name: 'Kelly Jetson' }]);

    const [event] = await events.waitFor('person.created', (v) => v.aggregateId === res.body.id);
    expect(event.key).toBe(res.body.id);
    expect(event.headers['event-type']).toBe('person.created');
    expect(event.json()).toEqual({
      id: event.headers['event-id'],
      type: 'person.created',
      version: 1,
      aggregateId: res.body.id,
      occurredAt: expect.stringMatching(/Z$/),
      correlationId: 'e2e-create-1',
      data: res.body,
    });
  });

  it('reads, lists with filters, updates and deletes, with an event for each change', async () => {
    const tag = randomUUID().slice(0, 8);
    const created = await http('POST', `${stack.gatewayUrl}/people`, {
      fullName: `Deniss ${tag}`,
      country: 'LV',
    });
    const id = created.body.id;

    expect((await http('GET', `${stack.gatewayUrl}/people/${id}`)).body).toEqual(created.body);
    const page = await http(
      'GET',
      `${stack.gatewayUrl}/people?q=${tag.toUpperCase()}&country=lv&limit=5`,
    );
    expect(page.body).toEqual({ items: [created.body], total: 1, limit: 5, offset: 0 });

    const updated = await http('PATCH', `${stack.gatewayUrl}/people/${id}`, {
      email: `d-${tag}@example.com`,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.email).toBe(`d-${tag}@example.com`);

    expect((await http('DELETE', `${stack.gatewayUrl}/people/${id}`)).status).toBe(204);
    expect((await http('GET', `${stack.gatewayUrl}/people/${id}`)).status).toBe(404);
    expect((await http('DELETE', `${stack.gatewayUrl}/people/${id}`)).status).toBe(404);

    const types = (await events.waitFor('three events', (v) => v.aggregateId === id, 3)).map(
      (m) => m.json().type,
    );
    expect(types).toEqual(['person.created', 'person.updated', 'person.deleted']);
  });

  it('rejects a taken email with 409 EMAIL_TAKEN, whatever its case', async () => {
    const email = `kelly-${randomUUID()}@example.com`;
    expect(
      (await http('POST', `${stack.gatewayUrl}/people`, { fullName: 'Kelly', email })).status,
    ).toBe(201);
    const again = await http('POST', `${stack.gatewayUrl}/people`, {
      fullName: 'Kelly Two',
      email: email.toUpperCase(),
    });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(again.body).toMatchObject({ status: 409, code: 'EMAIL_TAKEN', title: 'Conflict' });
  });

  it.each([
    ['an unknown field', { fullName: 'A', nickname: 'x' }],
    ['a missing fullName', { country: 'US' }],
    ['a blank fullName', { fullName: '   ' }],
    ['a fullName over 200 characters', { fullName: 'x'.repeat(201) }],
    ['a bad email', { fullName: 'A', email: 'not-an-email' }],
    ['a non-object body', [1, 2]],
    ['malformed JSON', '{"fullName":'],
  ])('rejects %s with 400 problem+json and changes nothing', async (_, body) => {
    const before = await countPeople();
    const res = await http('POST', `${stack.gatewayUrl}/people`, body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 400,
      title: 'Bad Request',
      detail: expect.any(String),
    });
    expect(await countPeople()).toBe(before);
  });

  it('rejects a body over 64 KiB with 413', async () => {
    const res = await http('POST', `${stack.gatewayUrl}/people`, {
      fullName: 'x',
      address: 'y'.repeat(70_000),
    });
    expect(res.status).toBe(413);
    expect(res.body.status).toBe(413);
  });

  it('rejects malformed ids and bad query strings with 400, and a bad PATCH changes nothing', async () => {
    expect((await http('GET', `${stack.gatewayUrl}/people/not-a-uuid`)).status).toBe(400);
    expect((await http('DELETE', `${stack.gatewayUrl}/people/123`)).status).toBe(400);
    expect((await http('GET', `${stack.gatewayUrl}/people?limit=101`)).status).toBe(400);
    expect((await http('GET', `${stack.gatewayUrl}/people?offset=-1`)).status).toBe(400);
    expect((await http('GET', `${stack.gatewayUrl}/people?sort=name`)).status).toBe(400);

    const created = await http('POST', `${stack.gatewayUrl}/people`, { fullName: 'Mathiew Pirx' });
    const patch = await http('PATCH', `${stack.gatewayUrl}/people/${created.body.id}`, {
      fullName: '',
    });
    expect(patch.status).toBe(400);
    expect((await http('GET', `${stack.gatewayUrl}/people/${created.body.id}`)).body.fullName).toBe(
      'Mathiew Pirx',
    );
  });

  it('answers every request with two replicas of each app', async () => {
    const created = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        http('POST', `${stack.gatewayUrls[i % 2]}/people`, { fullName: `Replica test ${i}` }),
      ),
    );
    expect(created.map((r) => r.status)).toEqual(Array(40).fill(201));
    const read = await Promise.all(
      created.map((r, i) => http('GET', `${stack.gatewayUrls[(i + 1) % 2]}/people/${r.body.id}`)),
    );
    expect(read.map((r) => r.body.id)).toEqual(created.map((r) => r.body.id));
  });

  it('serves /health, /docs and /docs-json', async () => {
    expect(await http('GET', `${stack.gatewayUrl}/health`)).toMatchObject({
      status: 200,
      body: { status: 'ok' },
    });
    expect((await http('GET', `${stack.gatewayUrl}/docs`)).status).toBe(200);
    const doc = await http('GET', `${stack.gatewayUrl}/docs-json`);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/people', '/people/{id}', '/health']),
    );
  });

  it('answers 503 within a few seconds when the people service is down', async () => {
    const created = await http('POST', `${stack.gatewayUrl}/people`, {
      fullName: 'Before the outage',
    });
    await Promise.all(stack.replicas('people').map((r) => r.process.stop()));

    const res = await http('GET', `${stack.gatewayUrl}/people/${created.body.id}`);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE' });
    expect(res.ms).toBeLessThan(5000);
  });
});
