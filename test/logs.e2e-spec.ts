import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { waitFor } from '#devstack';
import { TestStack, http, testToken } from '#testing';

const APPS = ['gateway', 'people', 'companies', 'employment'] as const;
const DEBUG = { LOG_LEVEL: 'debug', LOG_FORMAT: 'json' };

interface Line {
  app: string;
  fields: Record<string, unknown>;
}

describe('JSON logs of one client request, in every process it reaches', () => {
  const stack = new TestStack(
    {},
    Object.fromEntries(APPS.map((app) => [app, DEBUG])) as Record<string, typeof DEBUG>,
  );
  const gw = () => stack.gatewayUrl;

  /**
   * Every line the apps printed so far, parsed; a line that is not one JSON object fails the test,
   * except Node's own process warnings on stderr (`(node:PID) ...` and its `(Use node
   * --trace-warnings ...)` hint), which no logger writes.
   */
  const lines = (): Line[] =>
    stack.output.flatMap((raw) => {
      const match = /^\[(\w+)-\d+\] (.*)$/.exec(raw);
      if (!match) throw new Error(`not an app line: ${raw}`);
      if (/^\((node:\d+\) |Use `node --trace-warnings)/.test(match[2])) return [];
      try {
        return [{ app: match[1], fields: JSON.parse(match[2]) as Record<string, unknown> }];
      } catch {
        throw new Error(`not one JSON object: ${raw}`);
      }
    });

  beforeAll(async () => {
    await stack.start({ people: 1, companies: 1, employment: 1, gateway: 1 });
  });
  afterAll(() => stack.stop());

  it('gives every line of one hire the same correlation and trace id, in all four apps', async () => {
    const [person, company] = await Promise.all([
      http('POST', `${gw()}/people`, { fullName: 'Kelly Jetson' }),
      http('POST', `${gw()}/companies`, { name: 'IBM', country: 'US' }),
    ]);
    const correlationId = `hire-${randomUUID()}`;
    const traceId = randomUUID().replace(/-/g, '');
    const hired = await http(
      'POST',
      `${gw()}/employees`,
      { personId: person.body.id, companyId: company.body.id, cardId: 1 },
      { 'x-correlation-id': correlationId, traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    );
    expect(hired.status).toBe(201);
    expect(hired.headers.get('x-correlation-id')).toBe(correlationId);

    const ofHire = () => lines().filter((l) => l.fields.correlationId === correlationId);
    await waitFor('a line of the hire from every app', async () =>
      APPS.every((app) => ofHire().some((l) => l.app === app)) ? true : undefined,
    );
    await waitFor("the employment outbox relay's line of the hire's event", async () =>
      ofHire().find((l) => l.app === 'employment' && l.fields.context === 'OutboxRelay'),
    );
    expect(ofHire().filter((l) => l.fields.traceId !== traceId)).toEqual([]);
    for (const line of ofHire()) expect(line.fields.service).toBe(line.app);
  });

  it("gives the relay's and the event consumer's lines the writer's correlation and trace id", async () => {
    const [person, company] = await Promise.all([
      http('POST', `${gw()}/people`, { fullName: 'George Jetson' }),
      http('POST', `${gw()}/companies`, { name: 'Spacely', country: 'US' }),
    ]);
    const hire = { personId: person.body.id, companyId: company.body.id, cardId: 2 };
    expect((await http('POST', `${gw()}/employees`, hire)).status).toBe(201);
    const correlationId = `delete-${randomUUID()}`;
    const traceId = randomUUID().replace(/-/g, '');
    const deleted = await http('DELETE', `${gw()}/people/${person.body.id}`, undefined, {
      'x-correlation-id': correlationId,
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
    });
    expect(deleted.status).toBe(204);
    const ofDeletion = () => lines().filter((l) => l.fields.correlationId === correlationId);
    await waitFor("the people relay's and the employment consumer's lines", async () =>
      ofDeletion().some((l) => l.app === 'people' && l.fields.context === 'OutboxRelay') &&
      ofDeletion().some(
        (l) => l.app === 'employment' && l.fields.context === 'PartyDeletionsHandler',
      )
        ? true
        : undefined,
    );
    expect(ofDeletion().filter((l) => l.fields.traceId !== traceId)).toEqual([]);
  });

  it('replaces a malformed correlation id and traceparent, and never logs a token', async () => {
    const raw = 'bad id; {"level":60}';
    const created = await http(
      'POST',
      `${gw()}/people`,
      { fullName: 'Anna Bell' },
      { 'x-correlation-id': raw, traceparent: '00-xyz-abc-01' },
    );
    expect(created.status).toBe(201);
    const given = created.headers.get('x-correlation-id')!;
    expect(given).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor('a people line with the replacement correlation id', async () =>
      lines().some((l) => l.app === 'people' && l.fields.correlationId === given)
        ? true
        : undefined,
    );
    const all = lines().map((l) => JSON.stringify(l.fields));
    expect(all.filter((l) => l.includes('bad id') || l.includes('xyz-abc'))).toEqual([]);
    const token = await testToken();
    expect(all.filter((l) => l.includes(token.slice(-20)))).toEqual([]);
  });
});
