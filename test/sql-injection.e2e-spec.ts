import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EVENT_TOPICS } from '#contracts';
import { TestStack, TopicRecorder, http, plainProducer, queryDatabase } from '#testing';

/** Classic injection strings; each must come back as literal data or be refused with a 4xx. */
const INJECTIONS = [
  `'; DROP TABLE people; --`,
  `Robert'); DELETE FROM employees; --`,
  `" OR "1"="1`,
  `' OR '1'='1' --`,
  `1; UPDATE companies SET name = 'pwned'`,
  `%' OR 1=1 --`,
  `\\'; SELECT pg_sleep(10); --`,
  `$1 $$ $q$ ::text`,
  `admin'/*`,
  `_%\\`,
  `\u0000'; DROP TABLE outbox; --`,
];

/** The answers to a query or id that holds an injection string: data, or a 4xx refusal. */
const ANSWERS = [200, 400, 404];

const TABLES = {
  people: ['people', 'outbox', 'migrations'],
  companies: ['companies', 'outbox', 'migrations'],
  employment: ['employees', 'idempotency_keys', 'processed_events', 'deleted_parties', 'outbox'],
} as const;

describe('SQL injection: every text field and query parameter takes hostile strings as data', () => {
  const stack = new TestStack();
  let url: string;
  let personId: string;
  let companyId: string;

  /** Row counts of every table of every service, to prove nothing else changed. */
  async function snapshot(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const [service, tables] of Object.entries(TABLES)) {
      for (const table of tables) {
        const [row] = await queryDatabase(
          stack.databases[service as keyof typeof TABLES],
          `SELECT count(*)::int AS n FROM ${table}`,
        );
        counts[`${service}.${table}`] = row.n;
      }
    }
    return counts;
  }

  beforeAll(async () => {
    await stack.start({ people: 1, companies: 1, employment: 1, gateway: 1 });
    url = stack.gatewayUrl;
    personId = (await http('POST', `${url}/people`, { fullName: 'Victim', country: 'NL' })).body.id;
    companyId = (await http('POST', `${url}/companies`, { name: 'Target', country: 'NL' })).body.id;
    const hire = await http('POST', `${url}/employees`, { personId, companyId, cardId: 1 });
    expect(hire.status).toBe(201);
  });

  afterAll(async () => {
    await stack.stop();
  });

  it.each(INJECTIONS)(
    'stores and returns %j literally in every text field of a person and a company',
    async (evil) => {
      const person = await http('POST', `${url}/people`, {
        fullName: evil,
        email: `o'brien+x@example.com`,
        address: evil,
        country: evil.slice(0, 100),
      });
      // PostgreSQL text cannot hold a NUL byte: that one is refused (400, never a 500), all others kept.
      const refused = evil.includes('\u0000');
      expect({ evil, status: person.status }).toEqual({ evil, status: refused ? 400 : 201 });
      if (refused) return;
      const trimmed = evil.trim();
      expect(person.body).toMatchObject({
        fullName: trimmed,
        address: trimmed,
        email: `o'brien+x@example.com`,
      });
      expect((await http('GET', `${url}/people/${person.body.id}`)).body.fullName).toBe(trimmed);
      const patched = await http('PATCH', `${url}/people/${person.body.id}`, {
        address: `${evil}!`,
      });
      expect(patched.body.address).toBe(`${trimmed}!`);

      const company = await http('POST', `${url}/companies`, {
        name: evil,
        address: evil,
        country: evil,
      });
      expect(company.status).toBe(201);
      expect(company.body).toMatchObject({ name: trimmed, address: trimmed, country: trimmed });
      expect((await http('DELETE', `${url}/people/${person.body.id}`)).status).toBe(204);
      expect((await http('DELETE', `${url}/companies/${company.body.id}`)).status).toBe(204);
    },
  );

  it('answers hostile query parameters and ids with data or a 4xx, and changes nothing', async () => {
    const before = await snapshot();
    const enc = encodeURIComponent;
    for (const evil of INJECTIONS) {
      const urls = [
        `/people?q=${enc(evil)}`,
        `/people?country=${enc(evil)}`,
        `/people?limit=${enc(evil)}`,
        `/people?offset=${enc(evil)}`,
        `/people?${enc(evil)}=1`,
        `/companies?q=${enc(evil)}&country=${enc(evil)}`,
        `/employees?personId=${enc(evil)}`,
        `/employees?companyId=${enc(evil)}&active=${enc(evil)}`,
        `/people/${enc(evil)}`,
        `/companies/${enc(evil)}`,
        `/employees/${enc(evil)}`,
        `/people/${enc(evil)}/companies`,
        `/companies/${enc(evil)}/employees?limit=${enc(evil)}`,
        `/companies/${companyId}/employees?offset=${enc(evil)}`,
      ];
      for (const path of urls) {
        const res = await http('GET', `${url}${path}`);
        // Data (200) or a refusal of the malformed parameter or id (400, 404); never a 5xx.
        expect({
          path,
          status: ANSWERS.includes(res.status) ? 'data or refusal' : res.status,
        }).toEqual({ path, status: 'data or refusal' });
        if (res.status === 200 && Array.isArray(res.body.items)) {
          // A search for an injection string finds only rows that literally contain it: none here.
          expect({ path, items: res.body.items }).toEqual({ path, items: [] });
        }
      }
      for (const path of [
        `/people/${enc(evil)}`,
        `/companies/${enc(evil)}`,
        `/employees/${enc(evil)}`,
      ]) {
        expect((await http('DELETE', `${url}${path}`)).status).toBeLessThan(500);
        expect((await http('PATCH', `${url}${path}`, { country: 'X' })).status).toBeLessThan(500);
      }
      const hire = await http('POST', `${url}/employees`, { personId: evil, companyId, cardId: 2 });
      expect(hire.status).toBe(400);
    }
    expect(await snapshot()).toEqual(before);
    expect((await http('GET', `${url}/people/${personId}`)).body.fullName).toBe('Victim');
    expect((await http('GET', `${url}/companies/${companyId}`)).body.name).toBe('Target');
  });

  it('takes hostile requestIds and fields of Kafka hire requests as data (NUL to the DLQ)', async () => {
    const recorder = await new TopicRecorder([
      EVENT_TOPICS.employment,
      EVENT_TOPICS.hireRequestsDlq,
    ]).start();
    const producer = await plainProducer();
    try {
      const tag = randomUUID();
      const requests = INJECTIONS.map((evil, i) => ({
        requestId: `${tag} ${evil}`,
        personId: i % 2 ? personId : evil,
        companyId,
        cardId: 100 + i,
      }));
      await producer.send({
        topic: EVENT_TOPICS.hireRequests,
        messages: requests.map((r) => ({ key: r.requestId, value: JSON.stringify(r) })),
      });
      const usable = requests.filter((r) => !r.requestId.includes('\u0000'));
      const outcomes = await recorder.waitFor(
        'an outcome per usable request',
        (v) => typeof v?.data?.requestId === 'string' && v.data.requestId.startsWith(tag),
        usable.length,
      );
      expect(new Set(outcomes.map((m) => m.json().data.requestId))).toEqual(
        new Set(usable.map((r) => r.requestId)),
      );
      const stored = await queryDatabase(
        stack.databases.employment,
        `SELECT key AS request_id FROM idempotency_keys WHERE scope = 'hire-request' AND key LIKE $1`,
        [`${tag}%`],
      );
      expect(new Set(stored.map((r) => r.request_id))).toEqual(
        new Set(usable.map((r) => r.requestId)),
      );
      await recorder.waitFor('the NUL request in the DLQ', (_v, m) =>
        (m.headers.error ?? '').includes('NUL'),
      );
    } finally {
      await producer.disconnect();
      await recorder.stop();
    }
  });
});
