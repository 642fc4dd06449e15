import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor, type AppName } from '#devstack';
import { TcpFaultProxy, TestStack, http } from '#testing';

/** The consumer groups each app's readiness waits for (reply groups carry an instance id). */
const GROUPS: Record<AppName, Array<string | RegExp>> = {
  gateway: [/^gateway\.replies\.[0-9a-f-]{36}$/],
  people: ['people'],
  companies: ['companies'],
  employment: [
    'employment',
    'employment.hire-requests',
    'employment.party-deletions',
    /^employment\.replies\.[0-9a-f-]{36}$/,
  ],
};
const APPS = Object.keys(GROUPS) as AppName[];

describe('probes: GET /health/live and /health/ready on every app (the paths deploy/ probes)', () => {
  const stack = new TestStack();
  const peopleDb = new URL(stack.serviceDatabases.people);
  const proxy = new TcpFaultProxy(peopleDb.hostname, Number(peopleDb.port || 5432));
  const urlOf = (app: AppName) => stack.replicas(app)[0].url;

  beforeAll(async () => {
    const proxied = new URL(peopleDb);
    proxied.port = String(await proxy.start());
    stack.appEnv.people = { DATABASE_URL: proxied.toString() };
    await stack.start({ people: 1, companies: 1, employment: 1, gateway: 1 });
  });

  afterAll(async () => {
    await stack.stop();
    await proxy.stop();
  });

  it.each(APPS)(
    '%s: live and ready (its consumers joined their groups), without a token',
    async (app) => {
      const none = { authorization: '' };
      expect(await http('GET', `${urlOf(app)}/health/live`, undefined, none)).toMatchObject({
        status: 200,
        body: { status: 'ok' },
      });
      const ready = await http('GET', `${urlOf(app)}/health/ready`, undefined, none);
      expect(ready).toMatchObject({ status: 200, body: { status: 'ok' } });
      const { joined, waitingFor } = ready.body.consumers;
      expect(waitingFor).toEqual([]);
      expect(joined).toHaveLength(GROUPS[app].length);
      for (const group of GROUPS[app]) {
        expect(joined).toContainEqual(
          typeof group === 'string' ? group : expect.stringMatching(group),
        );
      }
      if (app !== 'gateway') expect(ready.body.database).toBe('up');
      expect((await http('GET', `${urlOf(app)}/health`, undefined, none)).status).toBe(200);
    },
  );

  it('a service whose database is gone is live but not ready, and ready again when it is back', async () => {
    proxy.down();
    try {
      const notReady = await waitFor('people /health/ready to answer 503', async () => {
        const res = await http('GET', `${urlOf('people')}/health/ready`);
        return res.status === 503 ? res : undefined;
      });
      expect(notReady.body).toMatchObject({ status: 'error', database: 'down' });
      expect((await http('GET', `${urlOf('people')}/health/live`)).status).toBe(200);
    } finally {
      proxy.up();
    }
    await waitFor('people /health/ready to answer 200 again', async () =>
      (await http('GET', `${urlOf('people')}/health/ready`)).status === 200 ? true : undefined,
    );
  });

  it('an unknown probe path is 404, not a probe that always passes', async () => {
    expect((await http('GET', `${urlOf('people')}/health/alive`)).status).toBe(404);
    expect((await http('GET', `${urlOf('gateway')}/health/alive`)).status).toBe(404);
  });
});
