import fc from 'fast-check';
import { queryDatabase, testToken } from '#testing';
import type { FaultContext, FaultScenario } from '../fault-context.js';
import { seedParties } from '../hire-load.js';
import { controlRequests, hostileRequestArb, type HostileRequest } from '../hostile-requests.js';
import { HANG_MS } from '../http-load.js';
import { answerProblems } from '../http-answers.js';
import { emptyResult } from '../scenario-result.js';

interface Answer {
  request: HostileRequest;
  status: number | 'hang' | 'connection';
  contentType: string;
}

const SEED = Number(process.env.FAULTS_SEED ?? 20261126);

/**
 * A property-based run of generated requests against every gateway route: every route answers some
 * with a success, every answer that is not a success is a 4xx problem+json (never a 5xx, a hang, a
 * 401 or a 429), and the databases changed by exactly what the successful writes made.
 */
export const hostileHttpScenario: FaultScenario = {
  name: 'hostile HTTP (fast-check)',
  async run(ctx) {
    const result = emptyResult(this.name);
    const parties = await seedParties(ctx.stack, `hostile-${ctx.run}`, 20, 20);
    // Two employees of their own (p3 at c2, p4 at c3), for the control GET and DELETE.
    const employees = await queryDatabase<{ id: string }>(
      ctx.stack.databases.employment,
      `INSERT INTO employees (id, card_id, person_id, company_id, created_at)
       SELECT gen_random_uuid(), 1, p, c, now() FROM unnest($1::uuid[], $2::uuid[]) AS t(p, c)
       RETURNING id`,
      [parties.people.slice(3, 5), parties.companies.slice(2, 4)],
    );
    const ids = { ...parties, employees: employees.map((e) => e.id) };
    const requests = [
      ...controlRequests(ids),
      ...fc.sample(hostileRequestArb(ids), { numRuns: ctx.profile.hostile, seed: SEED }),
    ];
    const before = await counts(ctx);
    const answers: Answer[] = [];
    const gateways = ctx.stack.gatewayUrls;
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < requests.length) {
          const i = next++;
          answers.push(await send(gateways[i % gateways.length], requests[i]));
        }
      }),
    );
    result.sent = requests.length;
    result.outcomes = answers.filter((a) => typeof a.status === 'number').length;
    const is = (a: Answer, method: string, path: RegExp, status: number) =>
      a.request.method === method && path.test(a.request.path) && a.status === status;
    const byStatus = new Map<string, number>();
    for (const a of answers)
      byStatus.set(String(a.status), (byStatus.get(String(a.status)) ?? 0) + 1);
    result.notes.push(
      `seed ${SEED}; answers ${[...byStatus].map(([s, n]) => `${s}:${n}`).join(' ')}`,
    );

    // Each route answered a success (its control request at least), and never 401, 403 or 429.
    const routes = [...new Set(requests.map((r) => r.route))].filter((r) => !r.startsWith('PUT'));
    const judged = answers
      .filter((a) => a.status !== 'connection') // reported below, with an example
      .map((a) => ({ route: a.request.route, status: a.status }));
    const problems = answerProblems(judged, { routes, expected4xx: 'any', steadyGateways: [] });
    result.violations.push(...problems);

    const bad = new Map<string, Answer[]>();
    for (const a of answers) {
      const why =
        a.status === 'hang'
          ? 'hang'
          : a.status === 'connection'
            ? 'connection dropped'
            : a.status >= 500
              ? `${a.status}`
              : a.status >= 400 && !a.contentType.startsWith('application/problem+json')
                ? `${a.status} as ${a.contentType || 'no content type'}`
                : undefined;
      if (why) bad.set(why, [...(bad.get(why) ?? []), a]);
    }
    for (const [why, list] of bad) {
      const r = list[0].request;
      result.violations.push(
        `${list.length}x ${why}, e.g. ${r.method} ${r.path.slice(0, 60)}${r.query.slice(0, 40)} (${r.contentType}, body ${r.body?.length ?? 0} chars: ${JSON.stringify(r.body ?? '').slice(0, 80)})`,
      );
    }
    result.stuck = answers.filter((a) => a.status === 'hang').length;

    const after = await counts(ctx);
    const expected = {
      people:
        before.people +
        answers.filter((a) => is(a, 'POST', /^\/people$/, 201)).length -
        answers.filter((a) => is(a, 'DELETE', /^\/people\/[^/]+$/, 204)).length,
      companies:
        before.companies +
        answers.filter((a) => is(a, 'POST', /^\/companies$/, 201)).length -
        answers.filter((a) => is(a, 'DELETE', /^\/companies\/[^/]+$/, 204)).length,
      employees:
        before.employees + answers.filter((a) => is(a, 'POST', /^\/employees$/, 201)).length,
    };
    for (const table of ['people', 'companies', 'employees'] as const) {
      if (after[table] !== expected[table]) {
        const diff = after[table] - expected[table];
        if (diff > 0) result.duplicated += diff;
        else result.lost -= diff;
        result.violations.push(
          `${table}: ${after[table]} rows, the successful requests account for ${expected[table]}`,
        );
      }
    }
    return result;
  },
};

async function send(gateway: string, r: HostileRequest): Promise<Answer> {
  try {
    const response = await fetch(`${gateway}${r.path}${r.query}`, {
      method: r.method,
      headers: {
        authorization: `Bearer ${await testToken()}`,
        ...(r.contentType ? { 'content-type': r.contentType } : {}),
      },
      body: r.body,
      signal: AbortSignal.timeout(HANG_MS),
    });
    await response.arrayBuffer();
    return {
      request: r,
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
    };
  } catch (error) {
    return {
      request: r,
      status: (error as Error).name === 'TimeoutError' ? 'hang' : 'connection',
      contentType: '',
    };
  }
}

async function counts(ctx: FaultContext) {
  const count = async (service: 'people' | 'companies' | 'employment', table: string) =>
    (
      await queryDatabase<{ n: number }>(
        ctx.stack.databases[service],
        `SELECT count(*)::int AS n FROM ${table}`,
      )
    )[0].n;
  return {
    people: await count('people', 'people'),
    companies: await count('companies', 'companies'),
    employees: await count('employment', 'employees'),
  };
}
