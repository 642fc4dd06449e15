import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { waitFor } from '#devstack';
import { EVENT_TOPICS, PEOPLE_PATTERNS } from '#contracts';
import { TestStack, TopicRecorder, http, plainProducer, queryDatabase, runNode } from '#testing';
import { TUTORIAL_COMPANIES, TUTORIAL_PEOPLE } from '../scripts/tutorial-data.js';

describe('companies and employment through the gateway and Kafka', () => {
  const stack = new TestStack();
  const events = new TopicRecorder([
    EVENT_TOPICS.employment,
    EVENT_TOPICS.hireRequestsDlq,
    EVENT_TOPICS.companies,
  ]);
  let producer: Producer;
  const gw = () => stack.gatewayUrl;
  const createPerson = async (fullName = `Person ${randomUUID().slice(0, 6)}`) =>
    (await http('POST', `${gw()}/people`, { fullName })).body as { id: string };
  const createCompany = async (name = `Company ${randomUUID().slice(0, 6)}`) =>
    (await http('POST', `${gw()}/companies`, { name, country: 'US' })).body as { id: string };
  const activeEmployees = async (where: string, params: unknown[]) =>
    queryDatabase(
      stack.databases.employment,
      `SELECT * FROM employees WHERE ended_at IS NULL AND ${where}`,
      params,
    );

  beforeAll(async () => {
    await events.start();
    producer = await plainProducer();
    await stack.start({ people: 1, companies: 1, employment: 2, gateway: 1 });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await events.stop();
    await stack.stop();
  });

  describe('companies', () => {
    it('creates, reads, lists, updates and deletes a company, with company.* events', async () => {
      const created = await http('POST', `${gw()}/companies`, {
        name: 'Apple',
        address: '1 Infinite Loop',
        country: 'US',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'Apple',
        address: '1 Infinite Loop',
        country: 'US',
      });
      const id = created.body.id;
      expect((await http('GET', `${gw()}/companies/${id}`)).body).toEqual(created.body);
      const listed = await http('GET', `${gw()}/companies?q=appl&limit=100`);
      expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(id);
      expect(
        (await http('PATCH', `${gw()}/companies/${id}`, { country: 'USA' })).body.country,
      ).toBe('USA');
      expect((await http('DELETE', `${gw()}/companies/${id}`)).status).toBe(204);
      expect((await http('GET', `${gw()}/companies/${id}`)).status).toBe(404);
      const types = (await events.waitFor('company events', (v) => v.aggregateId === id, 3)).map(
        (m) => m.json().type,
      );
      expect(types).toEqual(['company.created', 'company.updated', 'company.deleted']);
    });

    it.each([
      [{ name: '' }],
      [{ name: 'x', fullName: 'y' }],
      [{ name: 'x', country: 'c'.repeat(101) }],
    ])('rejects %j with 400', async (body) => {
      expect((await http('POST', `${gw()}/companies`, body)).status).toBe(400);
    });
  });

  describe('hiring over HTTP', () => {
    it('hires a verified person at a verified company: 201, the row, and employee.hired', async () => {
      const [person, company] = await Promise.all([
        createPerson('Kelly Jetson'),
        createCompany('IBM'),
      ]);
      const res = await http('POST', `${gw()}/employees`, {
        personId: person.id,
        companyId: company.id,
        cardId: 1,
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        personId: person.id,
        companyId: company.id,
        cardId: 1,
        createdAt: expect.any(String),
        endedAt: null,
      });
      expect(await activeEmployees('id = $1', [res.body.id])).toHaveLength(1);
      const [event] = await events.waitFor(
        'employee.hired',
        (v) => v.type === 'employee.hired' && v.aggregateId === res.body.id,
      );
      expect(event.json().data).toEqual(res.body);
      expect((await http('GET', `${gw()}/employees/${res.body.id}`)).body).toEqual(res.body);
    });

    it('answers 422 for an unknown person or company, 409 for a taken card or a second employment', async () => {
      const [person, other, company] = await Promise.all([
        createPerson(),
        createPerson(),
        createCompany(),
      ]);
      const hire = (body: object) => http('POST', `${gw()}/employees`, body);

      const unknownPerson = await hire({
        personId: randomUUID(),
        companyId: company.id,
        cardId: 5,
      });
      expect(unknownPerson).toMatchObject({ status: 422, body: { code: 'PERSON_NOT_FOUND' } });
      const unknownCompany = await hire({
        personId: person.id,
        companyId: randomUUID(),
        cardId: 5,
      });
      expect(unknownCompany).toMatchObject({ status: 422, body: { code: 'COMPANY_NOT_FOUND' } });

      expect((await hire({ personId: person.id, companyId: company.id, cardId: 5 })).status).toBe(
        201,
      );
      expect(await hire({ personId: other.id, companyId: company.id, cardId: 5 })).toMatchObject({
        status: 409,
        body: { code: 'CARD_ID_TAKEN' },
      });
      expect(await hire({ personId: person.id, companyId: company.id, cardId: 6 })).toMatchObject({
        status: 409,
        body: { code: 'ALREADY_EMPLOYED' },
      });
      expect(await activeEmployees('company_id = $1', [company.id])).toHaveLength(1);
    });

    it.each([
      [{ personId: 'nope', companyId: randomUUID(), cardId: 1 }],
      [{ personId: randomUUID(), companyId: randomUUID(), cardId: -1 }],
      [{ personId: randomUUID(), companyId: randomUUID(), cardId: 2147483648 }],
      [{ personId: randomUUID(), companyId: randomUUID(), cardId: '7' }],
      [{ personId: randomUUID(), companyId: randomUUID(), cardId: 1.5 }],
      [{ personId: randomUUID(), companyId: randomUUID(), cardId: 1, extra: true }],
    ])('rejects %j with 400', async (body) => {
      expect((await http('POST', `${gw()}/employees`, body)).status).toBe(400);
    });

    it('gives exactly one employee for 20 concurrent hires of the same company and card id', async () => {
      const company = await createCompany();
      const people = await Promise.all(Array.from({ length: 20 }, () => createPerson()));
      const results = await Promise.all(
        people.map((p) =>
          http('POST', `${gw()}/employees`, { personId: p.id, companyId: company.id, cardId: 42 }),
        ),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(
        results.filter((r) => r.status === 409 && r.body.code === 'CARD_ID_TAKEN'),
      ).toHaveLength(19);
      expect(await activeEmployees('company_id = $1 AND card_id = 42', [company.id])).toHaveLength(
        1,
      );
    });

    it('ends an employment on DELETE /employees/:id (kept, with endedAt) and frees the card', async () => {
      const [person, other, company] = await Promise.all([
        createPerson(),
        createPerson(),
        createCompany(),
      ]);
      const hired = await http('POST', `${gw()}/employees`, {
        personId: person.id,
        companyId: company.id,
        cardId: 9,
      });
      expect((await http('DELETE', `${gw()}/employees/${hired.body.id}`)).status).toBe(204);
      const ended = await http('GET', `${gw()}/employees/${hired.body.id}`);
      expect(ended.body.endedAt).toEqual(expect.any(String));
      expect((await http('DELETE', `${gw()}/employees/${hired.body.id}`)).status).toBe(204);
      expect((await http('DELETE', `${gw()}/employees/${randomUUID()}`)).status).toBe(404);
      expect(
        (
          await http('POST', `${gw()}/employees`, {
            personId: other.id,
            companyId: company.id,
            cardId: 9,
          })
        ).status,
      ).toBe(201);
      const byActive = await http('GET', `${gw()}/employees?companyId=${company.id}&active=false`);
      expect(byActive.body.items.map((e: { id: string }) => e.id)).toEqual([hired.body.id]);
      await events.waitFor(
        'employee.terminated',
        (v) => v.type === 'employee.terminated' && v.aggregateId === hired.body.id,
      );
    });

    it('rejects bad list queries with 400', async () => {
      for (const q of ['active=yes', 'personId=1', 'limit=0', 'offset=x', 'colour=red']) {
        expect((await http('GET', `${gw()}/employees?${q}`)).status).toBe(400);
      }
    });
  });

  describe('relations across services', () => {
    it('embeds the person in /companies/:id/employees and the company in /people/:id/companies', async () => {
      const [kelly, deniss, ibm, apple] = await Promise.all([
        createPerson('Kelly Jetson'),
        createPerson('Deniss Kirkman'),
        createCompany('IBM'),
        createCompany('Apple'),
      ]);
      for (const [p, c, card] of [
        [kelly, ibm, 1],
        [deniss, ibm, 2],
        [kelly, apple, 1],
      ] as const) {
        expect(
          (
            await http('POST', `${gw()}/employees`, {
              personId: p.id,
              companyId: c.id,
              cardId: card,
            })
          ).status,
        ).toBe(201);
      }
      const staff = await http('GET', `${gw()}/companies/${ibm.id}/employees`);
      expect(staff.status).toBe(200);
      expect(staff.body.total).toBe(2);
      expect(
        staff.body.items.map((e: { person: { fullName: string } }) => e.person.fullName),
      ).toEqual(['Kelly Jetson', 'Deniss Kirkman']);

      const jobs = await http('GET', `${gw()}/people/${kelly.id}/companies?limit=1&offset=1`);
      expect(jobs.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
      expect(jobs.body.items.map((e: { company: { name: string } }) => e.company.name)).toEqual([
        'Apple',
      ]);

      expect((await http('GET', `${gw()}/companies/${randomUUID()}/employees`)).status).toBe(404);
      expect((await http('GET', `${gw()}/people/${randomUUID()}/companies`)).status).toBe(404);
      expect((await http('GET', `${gw()}/people/bad-id/companies`)).status).toBe(400);
    });

    it('ends the employments of a deleted person, with employee.terminated for each', async () => {
      const [person, a, b] = await Promise.all([createPerson(), createCompany(), createCompany()]);
      const hires = await Promise.all(
        [a, b].map((c) =>
          http('POST', `${gw()}/employees`, { personId: person.id, companyId: c.id, cardId: 3 }),
        ),
      );
      expect((await http('DELETE', `${gw()}/people/${person.id}`)).status).toBe(204);

      const terminated = await events.waitFor(
        'two employee.terminated',
        (v) => v.type === 'employee.terminated' && v.data.personId === person.id,
        2,
      );
      expect(new Set(terminated.map((m) => m.json().aggregateId))).toEqual(
        new Set(hires.map((h) => h.body.id)),
      );
      expect(await activeEmployees('person_id = $1', [person.id])).toHaveLength(0);
      const afterDelete = await http('POST', `${gw()}/employees`, {
        personId: person.id,
        companyId: a.id,
        cardId: 4,
      });
      expect(afterDelete).toMatchObject({ status: 422, body: { code: 'PERSON_NOT_FOUND' } });
    });
  });

  describe('demo', () => {
    it('replays the tutorial story with its own data against the running system (npm run demo)', async () => {
      const { stdout } = await runNode('dist/scripts/demo.js', { GATEWAY_URL: gw() });
      const uuid = '[0-9a-f-]{36}';
      const mapped = (kind: string, n: number, name: string) =>
        new RegExp(`${kind} +id=${n} -> (${uuid})  ${name}\\n`).exec(stdout)?.[1];
      const companyIds = TUTORIAL_COMPANIES.map((c, i) => mapped('company', i + 1, c.name));
      const personIds = TUTORIAL_PEOPLE.map((p, i) => mapped('person', i + 1, p.fullName));
      expect([...companyIds, ...personIds].every(Boolean)).toBe(true);

      expect(stdout).toContain('Scenario 1: get person with id=2 and company with id=1');
      expect(stdout).toMatch(new RegExp(`POST /employees \\(card id 1\\) -> 201 employee ${uuid}`));
      expect(stdout).toMatch(new RegExp(`employee\\.hired: employee ${uuid}, card id 2`));
      expect(stdout).toMatch(/employee\.hire-rejected: PERSON_NOT_FOUND/);
      expect(stdout).toMatch(/the same over HTTP -> 422 PERSON_NOT_FOUND/);

      // The tables: one row per record this run made, with the tutorial's values as written.
      const tables = stdout.slice(stdout.indexOf('\npeople\n'));
      const row = (...cells: Array<string | number | undefined>) =>
        new RegExp(`^ ${cells.map((c) => `${c} +`).join('\\| ')}`, 'm');
      TUTORIAL_PEOPLE.forEach((p, i) => {
        expect(tables).toMatch(row(personIds[i], p.fullName, p.address, p.country));
      });
      TUTORIAL_COMPANIES.forEach((c, i) => {
        expect(tables).toMatch(row(companyIds[i], c.name, c.address, c.country));
      });
      expect(tables).toMatch(row(uuid, 1, personIds[1], companyIds[0]));
      expect(tables).toMatch(row(uuid, 2, personIds[2], companyIds[1]));
      expect(tables.match(/^\(\d+ rows?\)$/gm)).toEqual([
        '(3 rows)',
        '(3 rows)',
        '(2 rows)',
        '(2 rows)',
      ]);
      // It ends with who works where, by name (the tutorial's query across the three tables).
      const byName = stdout.slice(stdout.indexOf('7. Who works where, by name'));
      expect(byName).toMatch(/^ {3}Kelly Jetson, IBM, card 1$/m);
      expect(byName).toMatch(/^ {3}Deniss Kirkman, Apple, card 2$/m);
      expect(stdout).toContain('Demo finished.');
    });
  });

  describe('hire requests on Kafka', () => {
    const send = (...values: unknown[]) =>
      producer.send({
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
      await producer.send({
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
});
