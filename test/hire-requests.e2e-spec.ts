import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { waitFor } from '#devstack';
import { EVENT_TOPICS, PEOPLE_PATTERNS } from '#contracts';
import { TopicRecorder, http, queryDatabase } from '#testing';
import { gatewayFixture } from './fixtures/gateway-fixture.js';

describe('hire requests on Kafka', () => {
  const { stack, gw, events, producer, createPerson, createCompany } = gatewayFixture(
    [EVENT_TOPICS.employment, EVENT_TOPICS.hireRequestsDlq],
    { employment: 2 },
  );

  const send = (...values: unknown[]) =>
    producer().send({
      topic: EVENT_TOPICS.hireRequests,
      messages: values.map((v) => ({
        key: randomUUID(),
        value: typeof v === 'string' ? v : JSON.stringify(v),
      })),
    });
  const outcomesOf = (requestId: string) =>
    events.matching((v) => v.correlationId === requestId && v.data?.requestId === requestId);

  it('answers a request from a plain Kafka client with employee.hired carrying the requestId', async () => {
    const [person, company] = await Promise.all([createPerson(), createCompany()]);
    const requestId = `req-${randomUUID()}`;
    await send({ requestId, personId: person.id, companyId: company.id, cardId: 11 });
    const [outcome] = await events.waitFor('the outcome', (v) => v.correlationId === requestId);
    expect(outcome.json()).toMatchObject({
      type: 'employee.hired',
      version: 1,
      correlationId: requestId,
      data: { personId: person.id, companyId: company.id, cardId: 11, requestId, endedAt: null },
    });
    expect(outcome.headers['event-type']).toBe('employee.hired');
  });

  it('sends unreadable messages to the DLQ unchanged, rejects bad fields, and keeps the partition moving', async () => {
    const [person, company] = await Promise.all([createPerson(), createCompany()]);
    const marker = randomUUID();
    const badFields = `bad-${marker}`;
    const good = `good-${marker}`;
    const poison = [`not json ${marker}`, { noRequestId: marker }];
    await producer().send({
      topic: EVENT_TOPICS.hireRequests,
      messages: [
        ...poison.map((p) => ({
          key: 'same-key',
          value: typeof p === 'string' ? p : JSON.stringify(p),
        })),
        {
          key: 'same-key',
          value: JSON.stringify({
            requestId: badFields,
            personId: 'x',
            companyId: company.id,
            cardId: -3,
          }),
        },
        {
          key: 'same-key',
          value: JSON.stringify({
            requestId: good,
            personId: person.id,
            companyId: company.id,
            cardId: 12,
          }),
        },
      ],
    });
    const dead = await events.waitFor(
      'two DLQ messages',
      (_, m) => m.topic === EVENT_TOPICS.hireRequestsDlq && !!m.value?.includes(marker),
      2,
    );
    expect(dead.map((m) => m.value)).toEqual([
      `not json ${marker}`,
      JSON.stringify({ noRequestId: marker }),
    ]);
    expect(dead.every((m) => m.key === 'same-key' && m.headers.error.length > 0)).toBe(true);

    const [rejected] = await events.waitFor(
      'INVALID_REQUEST',
      (v) => v.correlationId === badFields,
    );
    expect(rejected.json()).toMatchObject({
      type: 'employee.hire-rejected',
      data: {
        requestId: badFields,
        reason: 'INVALID_REQUEST',
        personId: 'x',
        cardId: -3,
        detail: expect.stringContaining('personId'),
      },
    });
    expect(
      (await events.waitFor('the good one', (v) => v.correlationId === good))[0].json().type,
    ).toBe('employee.hired');
  });

  it('1,000 requests with 10% repeated requestIds and 5% unknown ids: right employees, one outcome per copy, same outcome for copies', async () => {
    const people = await Promise.all(Array.from({ length: 90 }, () => createPerson()));
    const companies = await Promise.all(Array.from({ length: 10 }, () => createCompany()));
    const run = randomUUID().slice(0, 8);
    const distinct = Array.from({ length: 900 }, (_, i) => {
      const unknown = i % 20 === 0; // 45 of 900: 5%
      return {
        requestId: `bulk-${run}-${i}`,
        personId: unknown && i % 40 === 0 ? randomUUID() : people[i % 90].id,
        companyId: unknown && i % 40 !== 0 ? randomUUID() : companies[Math.floor(i / 90)].id,
        cardId: i,
      };
    });
    const copies = distinct.filter((_, i) => i % 9 === 4).slice(0, 100); // 100 repeats: 10% of 1,000
    const messages = [...distinct, ...copies].sort(() => Math.random() - 0.5);
    expect(messages).toHaveLength(1000);
    for (let i = 0; i < messages.length; i += 250) await send(...messages.slice(i, i + 250));

    const isBulk = (v: any) =>
      typeof v.correlationId === 'string' && v.correlationId.startsWith(`bulk-${run}-`);
    const outcomes = await events.waitFor('an outcome per message', isBulk, 1000, 90_000);
    const byRequest = new Map<string, Set<string>>();
    for (const m of outcomes) {
      const ids = byRequest.get(m.json().correlationId) ?? new Set();
      byRequest.set(m.json().correlationId, ids.add(m.value!));
    }
    expect(byRequest.size).toBe(900);
    expect([...byRequest.values()].every((values) => values.size === 1)).toBe(true);
    const types = [...byRequest.values()].map((v) => JSON.parse([...v][0]).type);
    expect(types.filter((t) => t === 'employee.hired')).toHaveLength(855);
    expect(types.filter((t) => t === 'employee.hire-rejected')).toHaveLength(45);

    const rows = await queryDatabase(
      stack.databases.employment,
      'SELECT count(*)::int AS n FROM employees WHERE company_id = ANY($1)',
      [companies.map((c) => c.id)],
    );
    expect(rows[0].n).toBe(855);
  });

  it('loses nothing and doubles nothing when an employment replica is killed (kill -9) mid-stream', async () => {
    const people = await Promise.all(Array.from({ length: 100 }, () => createPerson()));
    const companies = await Promise.all(Array.from({ length: 10 }, () => createCompany()));
    const run = randomUUID().slice(0, 8);
    const requests = Array.from({ length: 1000 }, (_, i) => ({
      requestId: `kill-${run}-${i}`,
      personId: people[i % 100].id,
      companyId: companies[Math.floor(i / 100)].id,
      cardId: i,
    }));
    for (let i = 0; i < requests.length; i += 250) await send(...requests.slice(i, i + 250));

    const isOurs = (v: any) =>
      typeof v?.correlationId === 'string' && v.correlationId.startsWith(`kill-${run}-`);
    await events.waitFor('the first outcomes', isOurs, 100);
    const [victim, survivor] = stack.replicas('employment');
    await victim.process.kill();
    expect(survivor.process.running).toBe(true);

    const outcomes = await waitFor(
      'an outcome for every request',
      async () => {
        const found = new Map(events.matching(isOurs).map((m) => [m.json().correlationId, m]));
        return found.size === 1000 ? events.matching(isOurs) : undefined;
      },
      120_000,
      200,
    );
    const valuesPerRequest = new Map<string, Set<string>>();
    for (const m of outcomes) {
      const id = m.json().correlationId;
      valuesPerRequest.set(id, (valuesPerRequest.get(id) ?? new Set()).add(m.value!));
    }
    expect([...valuesPerRequest.values()].every((values) => values.size === 1)).toBe(true);
    expect(outcomes.every((m) => m.json().type === 'employee.hired')).toBe(true);
    const rows = await queryDatabase(
      stack.databases.employment,
      'SELECT count(*)::int AS n FROM employees WHERE company_id = ANY($1)',
      [companies.map((c) => c.id)],
    );
    expect(rows[0].n).toBe(1000);
  });

  it('retries (does not reject) a request while the people service is down, and HTTP answers 503 meanwhile', async () => {
    const [person, company] = await Promise.all([createPerson(), createCompany()]);
    await Promise.all(stack.replicas('people').map((r) => r.process.stop()));

    const res = await http('POST', `${gw()}/employees`, {
      personId: person.id,
      companyId: company.id,
      cardId: 77,
    });
    expect(res).toMatchObject({ status: 503, body: { code: 'DEPENDENCY_UNAVAILABLE' } });
    expect(res.ms).toBeLessThan(5000);

    const verifications = await new TopicRecorder([PEOPLE_PATTERNS.findByIds]).start();
    try {
      const requestId = `outage-${randomUUID()}`;
      await send({ requestId, personId: person.id, companyId: company.id, cardId: 78 });
      // The employment service asked the (stopped) people service at least twice: it retries.
      await verifications.waitFor(
        'two verification attempts',
        (v) => v.ids?.includes(person.id),
        2,
      );
      expect(outcomesOf(requestId)).toHaveLength(0);

      await stack.waitHealthy(await stack.add('people'));
      const [outcome] = await events.waitFor(
        'the outcome after recovery',
        (v) => v.correlationId === requestId,
        1,
        60_000,
      );
      expect(outcome.json().type).toBe('employee.hired');
      expect(new Set(outcomesOf(requestId).map((m) => m.value)).size).toBe(1);
    } finally {
      await verifications.stop();
    }
  });
});
