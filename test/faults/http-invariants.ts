import { http, queryDatabase } from '#testing';
import type { FaultContext } from './fault-context.js';
import { HANG_MS, type HttpCall, type HttpLoad } from './http-load.js';
import { pollUntil } from './poll-until.js';
import type { ScenarioResult } from './scenario-result.js';
import { answerProblems } from './http-answers.js';
import { reportMismatch } from './hire-invariants.js';
import { matchHires, type EmployeeRow } from './hire-matching.js';

const ROUTES: Record<HttpCall['route'], true> = {
  'POST /people': true,
  'POST /companies': true,
  'POST /employees': true,
  'GET /people/:id': true,
};

const TABLES = {
  'POST /people': { service: 'people', table: 'people', column: 'full_name' },
  'POST /companies': { service: 'companies', table: 'companies', column: 'name' },
} as const;

/**
 * Checks the background HTTP load: every route had successes, no 401, 429 or unexpected 4xx, no
 * connection dropped by a gateway left running, no call hung past its timeout, no 5xx other than 503,
 * every 2xx write in its database with its event on the topic (each hire's event naming its row),
 * and a write committed for a call answered 503 returned by a retry with the call's Idempotency-Key
 * (never made twice).
 */
export async function checkHttpLoad(
  ctx: FaultContext,
  load: HttpLoad,
  result: ScenarioResult,
): Promise<void> {
  const calls = load.calls;
  result.sent += calls.length;
  result.outcomes += calls.filter((c) => typeof c.status === 'number').length;
  const hangs = calls.filter((c) => c.status === 'hang').length;
  const fivexx = calls.filter(
    (c) => typeof c.status === 'number' && c.status >= 500 && c.status !== 503,
  );
  if (hangs) result.violations.push(`${hangs} HTTP calls hung past ${HANG_MS / 1000} s`);
  if (fivexx.length)
    result.violations.push(
      `${fivexx.length} HTTP 5xx other than 503 (e.g. ${fivexx[0].route} ${fivexx[0].status})`,
    );
  result.stuck += hangs;
  const steadyGateways = load.gatewaysAtStart.filter((g) => ctx.stack.gatewayUrls.includes(g));
  const problems = answerProblems(calls, {
    routes: Object.keys(ROUTES),
    expected4xx: { 'POST /employees': [409] }, // the load may hire a person twice at a company
    steadyGateways,
  });
  result.violations.push(...problems.map((p) => `HTTP load: ${p}`));
  const count = (s: (c: HttpCall) => boolean) => calls.filter(s).length;
  result.notes.push(
    `HTTP: ${count((c) => c.status === 201 || c.status === 200)} 2xx, ${count((c) => c.status === 503)} 503, ` +
      `${count((c) => c.status === 'connection')} connection errors (gateway gone), max ${Math.max(0, ...calls.map((c) => c.ms))} ms`,
  );

  for (const route of ['POST /people', 'POST /companies'] as const) {
    const { service, table, column } = TABLES[route];
    const db = ctx.stack.databases[service];
    const rows = await queryDatabase<{ id: string; marker: string }>(
      db,
      `SELECT id, split_part(${column}, ' ', 3) AS marker FROM ${table} WHERE ${column} LIKE $1`,
      [`Load ${load.tag} %`],
    );
    await checkWrites(ctx, route, calls, rows, result);
    // Every committed row has its created event (some are committed without a 201: see checkWrites).
    const withoutEvent = () =>
      rows.filter((r) => !ctx.recorder.eventsByAggregate.get(r.id)?.length);
    await pollUntil(() => withoutEvent().length === 0, 30_000, 200);
    if (withoutEvent().length) {
      result.lost += withoutEvent().length;
      result.violations.push(`${withoutEvent().length} ${table} rows without their created event`);
    }
  }
  const hires = await queryDatabase<EmployeeRow & { marker: string }>(
    ctx.stack.databases.employment,
    `SELECT id, person_id, company_id, card_id, ended_at, card_id::text AS marker
     FROM employees WHERE company_id = ANY($1)`,
    [load.companies],
  );
  await checkWrites(ctx, 'POST /employees', calls, hires, result);
  await checkHttpHires(ctx, calls, hires, result);
}

/**
 * Every 201 in the database; and a write committed although its call was answered 503 (the answer
 * was lost on the way back: a broker outage, a replica stopping) must come back, not twice, when
 * the client retries with the call's Idempotency-Key.
 */
async function checkWrites(
  ctx: FaultContext,
  route: HttpCall['route'],
  calls: HttpCall[],
  rows: { id: string; marker: string }[],
  result: ScenarioResult,
): Promise<void> {
  const ids = new Set(rows.map((r) => r.id));
  const mine = calls.filter((c) => c.route === route);
  const missing = mine.filter((c) => c.status === 201 && c.id && !ids.has(c.id));
  if (missing.length)
    result.violations.push(`${missing.length} ${route} answered 201 but not in the database`);
  result.lost += missing.length;
  const answered503 = new Map(mine.filter((c) => c.status === 503).map((c) => [c.marker, c]));
  const late = rows.filter((r) => answered503.has(r.marker));
  let retriedWell = 0;
  for (const row of late) {
    const { request } = answered503.get(row.marker)!;
    const retry = await http('POST', `${ctx.stack.gatewayUrl}${request!.path}`, request!.body, {
      'idempotency-key': request!.idempotencyKey,
    });
    if (retry.status === 201 && retry.body?.id === row.id) retriedWell += 1;
  }
  if (late.length) {
    result.notes.push(
      `${route}: ${late.length} committed after a 503; ${retriedWell} retried with their Idempotency-Key got the original 201`,
    );
  }
  if (retriedWell < late.length) {
    result.violations.push(
      `${late.length - retriedWell} ${route} answered 503, committed, and a retry with the same Idempotency-Key did not return that write`,
    );
    result.duplicated += late.length - retriedWell;
  }
}

/**
 * Each POST /employees answered 201 has its employee.hired event, whose aggregate id is one active
 * row with the person, company and card asked for; no call's hire (its card id) made twice.
 */
async function checkHttpHires(
  ctx: FaultContext,
  calls: HttpCall[],
  rows: Array<EmployeeRow & { marker: string }>,
  result: ScenarioResult,
): Promise<void> {
  const created = calls.filter((c) => c.route === 'POST /employees' && c.status === 201 && c.id);
  await pollUntil(() => created.every((c) => ctx.recorder.hired.has(c.id!)), 30_000, 200);
  const noEvent = created.filter((c) => !ctx.recorder.hired.has(c.id!));
  if (noEvent.length) {
    result.lost += noEvent.length;
    result.violations.push(
      `${noEvent.length} POST /employees answered 201 without their employee.hired event`,
    );
  }
  const inDatabase = new Set(rows.map((r) => r.id)); // a 201 without its row: counted by checkWrites
  const asked = created
    .filter((c) => inDatabase.has(c.id!))
    .map((c) => {
      const body = c.request!.body as { personId: string; companyId: string; cardId: number };
      return { ...body, name: `card ${c.marker}`, hired: ctx.recorder.hired.get(c.id!) };
    });
  reportMismatch('HTTP hires', { ...matchHires(asked, rows), extraRows: [] }, result);
  const perMarker = new Map<string, number>();
  for (const r of rows) perMarker.set(r.marker, (perMarker.get(r.marker) ?? 0) + 1);
  const twice = [...perMarker].filter(([, n]) => n > 1);
  if (twice.length) {
    result.duplicated += twice.length;
    result.violations.push(`${twice.length} HTTP hires made twice (e.g. card ${twice[0][0]})`);
  }
}
