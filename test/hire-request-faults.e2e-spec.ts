import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { EVENT_TOPICS, PEOPLE_PATTERNS } from '#contracts';
import { TestStack, TopicRecorder, http, plainProducer, queryDatabase } from '#testing';

/** Hire requests when things go wrong: backlogs, outages, garbage, repeats. */
describe('hire requests under faults (real Kafka and PostgreSQL)', () => {
  const stack = new TestStack();
  const events = new TopicRecorder([
    EVENT_TOPICS.employment,
    EVENT_TOPICS.hireRequestsDlq,
    EVENT_TOPICS.partyEventsDlq,
  ]);
  let producer: Producer;
  const gw = () => stack.gatewayUrl;
  const createPerson = async () =>
    (await http('POST', `${gw()}/people`, { fullName: `P ${randomUUID().slice(0, 6)}` })).body;
  const createCompany = async () =>
    (await http('POST', `${gw()}/companies`, { name: `C ${randomUUID().slice(0, 6)}` })).body;
  const send = (key: string, ...values: unknown[]) =>
    producer.send({
      topic: EVENT_TOPICS.hireRequests,
      messages: values.map((v) => ({
        key,
        value: typeof v === 'string' ? v : JSON.stringify(v),
      })),
    });

  beforeAll(async () => {
    await events.start();
    producer = await plainProducer();
    await stack.start({ people: 1, companies: 1, employment: 1, gateway: 1 });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await events.stop();
    await stack.stop();
  });

  it('answers 1,500 requests naming 1,500 distinct parties that reach one partition at once', async () => {
    const [person, company] = await Promise.all([createPerson(), createCompany()]);
    const prefix = `backlog-${randomUUID()}-`;
    const requests = Array.from({ length: 1500 }, (_, i) => ({
      requestId: `${prefix}${i}`,
      personId: i === 0 ? person.id : randomUUID(),
      companyId: i === 0 ? company.id : randomUUID(),
      cardId: i,
    }));
    // One produce, one key: a single batch on a single partition, more ids than one look-up takes.
    await send('one-key', ...requests);

    const outcomes = await events.waitFor(
      'an outcome for each of the 1,500',
      (v) => String(v.correlationId).startsWith(prefix),
      1500,
      90_000,
    );
    const byRequest = new Map(outcomes.map((m) => [m.json().correlationId, m.json()]));
    expect(byRequest.size).toBe(1500);
    expect(byRequest.get(`${prefix}0`).type).toBe('employee.hired');
    const rejected = [...byRequest.values()].filter((e) => e.type === 'employee.hire-rejected');
    expect(rejected).toHaveLength(1499);
    expect(new Set(rejected.map((e) => e.data.reason))).toEqual(new Set(['PERSON_NOT_FOUND']));
  });

  it('sends an unreadable message to the DLQ once, however often its batch is retried in an outage', async () => {
    const [person, company] = await Promise.all([createPerson(), createCompany()]);
    await Promise.all(stack.replicas('people').map((r) => r.process.stop()));
    const verifications = await new TopicRecorder([PEOPLE_PATTERNS.findByIds]).start();
    try {
      const marker = randomUUID();
      const requestId = `after-poison-${marker}`;
      await send(marker, `not json ${marker}`, {
        requestId,
        personId: person.id,
        companyId: company.id,
        cardId: 1,
      });
      await verifications.waitFor(
        'three attempts to verify the batch',
        (v) => v.ids?.includes(person.id),
        3,
        60_000,
      );
      await stack.waitHealthy(await stack.add('people'));
      const [outcome] = await events.waitFor('the outcome', (v) => v.correlationId === requestId);
      expect(outcome.json().type).toBe('employee.hired');
      const dead = events.matching((_v, m) => m.value === `not json ${marker}`);
      expect(dead.map((m) => m.topic)).toEqual([EVENT_TOPICS.hireRequestsDlq]);
    } finally {
      await verifications.stop();
    }
  });

  it('dead-letters a deletion event it cannot read instead of skipping it', async () => {
    const marker = randomUUID();
    const value = JSON.stringify({ type: 'person.deleted', aggregateId: `not-a-uuid-${marker}` });
    await producer.send({ topic: EVENT_TOPICS.people, messages: [{ key: marker, value }] });
    const [dead] = await events.waitFor('the DLQ copy', (_v, m) => m.value === value);
    expect(dead.topic).toBe(EVENT_TOPICS.partyEventsDlq);
    expect(dead.headers.error).toMatch(/not an event envelope/);
    expect(dead.headers['dlq-original-topic']).toBe(EVENT_TOPICS.people);
  });

  it('replays the outcome of a repeated requestId through the outbox, after what was committed before it', async () => {
    const [person, company] = await Promise.all([createPerson(), createCompany()]);
    const requestId = `repeat-${randomUUID()}`;
    const request = { requestId, personId: person.id, companyId: company.id, cardId: 5 };
    await send(person.id, request);
    const [hired] = await events.waitFor('the outcome', (v) => v.correlationId === requestId);
    const employeeId = hired.json().aggregateId;
    expect((await http('DELETE', `${gw()}/employees/${employeeId}`)).status).toBe(204);
    await events.waitFor('the termination', (v) => v.aggregateId === employeeId, 2);

    await send(person.id, request);
    const all = await events.waitFor('the replay', (v) => v.aggregateId === employeeId, 3);
    expect(all.map((m) => m.json().type)).toEqual([
      'employee.hired',
      'employee.terminated',
      'employee.hired',
    ]);
    expect(all[2].json().id).toBe(hired.json().id);
    const outbox = await queryDatabase(
      stack.databases.employment,
      'SELECT event_type, event_id FROM outbox WHERE message_key = $1 ORDER BY id',
      [employeeId],
    );
    expect(outbox.map((r) => r.event_type)).toEqual(all.map((m) => m.json().type));
  });
});
