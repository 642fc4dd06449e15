import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { TestStack, http, queryDatabase } from '#testing';

/** What an HTTP client sees when it retries, and when it sends what the server refuses early. */
describe('HTTP retries and early refusals through the gateway', () => {
  const stack = new TestStack();
  const gw = () => stack.gatewayUrl;
  const withKey = (key: string) => ({ 'idempotency-key': key });
  const count = async (database: string, table: string, where: string, params: unknown[]) =>
    Number(
      (
        await queryDatabase(database, `SELECT count(*) AS n FROM ${table} WHERE ${where}`, params)
      )[0].n,
    );

  beforeAll(async () => {
    await stack.start({ people: 1, companies: 1, employment: 1, gateway: 1 });
  });

  afterAll(async () => {
    await stack.stop();
  });

  describe('Idempotency-Key', () => {
    it('creates a person once for a key sent twice, and answers both with the same 201 body', async () => {
      const key = randomUUID();
      const body = { fullName: `Twice ${key}` };
      const first = await http('POST', `${gw()}/people`, body, withKey(key));
      const second = await http('POST', `${gw()}/people`, body, withKey(key));
      expect(first.status).toBe(201);
      expect(second).toMatchObject({ status: 201, body: first.body });
      expect(await count(stack.databases.people, 'people', 'full_name = $1', [body.fullName])).toBe(
        1,
      );
    });

    it('does the same for companies', async () => {
      const key = randomUUID();
      const body = { name: `Twice ${key}` };
      const [first, second] = await Promise.all([
        http('POST', `${gw()}/companies`, body, withKey(key)),
        http('POST', `${gw()}/companies`, body, withKey(key)),
      ]);
      expect(first).toMatchObject({ status: 201 });
      expect(second).toMatchObject({ status: 201, body: first.body });
      expect(await count(stack.databases.companies, 'companies', 'name = $1', [body.name])).toBe(1);
    });

    it('lets a client that got 503 retry a hire and get the original result, never a 409 for its own hire', async () => {
      const [person, company] = await Promise.all([
        http('POST', `${gw()}/people`, { fullName: 'Retrying Hire' }),
        http('POST', `${gw()}/companies`, { name: 'Retrying Co' }),
      ]);
      const hire = { personId: person.body.id, companyId: company.body.id, cardId: 9 };
      const key = randomUUID();
      await Promise.all(stack.replicas('companies').map((r) => r.process.stop()));
      const during = await http('POST', `${gw()}/employees`, hire, withKey(key));
      expect(during).toMatchObject({ status: 503, body: { code: 'DEPENDENCY_UNAVAILABLE' } });

      await stack.waitHealthy(await stack.add('companies'));
      const after = await http('POST', `${gw()}/employees`, hire, withKey(key));
      const again = await http('POST', `${gw()}/employees`, hire, withKey(key));
      expect(after.status).toBe(201);
      expect(again).toMatchObject({ status: 201, body: after.body });
      expect(
        await count(stack.databases.employment, 'employees', 'person_id = $1', [hire.personId]),
      ).toBe(1);
      const withoutKey = await http('POST', `${gw()}/employees`, { ...hire, cardId: 10 });
      expect(withoutKey).toMatchObject({ status: 409, body: { code: 'ALREADY_EMPLOYED' } });
    });

    it('refuses a key reused for another request (422) and a malformed key (400)', async () => {
      const key = randomUUID();
      expect((await http('POST', `${gw()}/people`, { fullName: 'A' }, withKey(key))).status).toBe(
        201,
      );
      const reused = await http('POST', `${gw()}/people`, { fullName: 'B' }, withKey(key));
      expect(reused).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
      const malformed = await http(
        'POST',
        `${gw()}/people`,
        { fullName: 'C' },
        withKey('x'.repeat(201)),
      );
      expect(malformed.status).toBe(400);
      expect(malformed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });
  });

  describe("refusals Fastify and Node's HTTP parser make before a route runs", () => {
    it('answers a path parameter over 100 characters with 414 problem+json', async () => {
      const res = await http('GET', `${gw()}/people/${'a'.repeat(101)}`);
      expect(res.status).toBe(414);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 414, title: 'URI Too Long' });
    });

    it('answers a query string over the header size limit with 431 problem+json', async () => {
      const res = await rawGet(`${gw()}/people?q=${'x'.repeat(20_000)}`);
      expect(res.status).toBe(431);
      expect(res.contentType).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(res.body)).toMatchObject({ status: 431 });
    });

    it('answers text PostgreSQL cannot store (a NUL character) with 400, not 500', async () => {
      const res = await http('POST', `${gw()}/people`, { fullName: 'Nul\u0000Byte' });
      expect(res).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
      expect((await http('GET', `${gw()}/people?q=a%00b`)).status).toBe(400);
    });
  });
});

/** A GET through node:http, which (unlike fetch) reports what a server writes before closing. */
function rawGet(url: string): Promise<{ status: number; contentType: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { timeout: 10_000 }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type']),
          body,
        }),
      );
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
    req.end();
  });
}
