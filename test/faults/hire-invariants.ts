import { queryDatabase } from '#testing';
import type { FaultContext } from './fault-context.js';
import type { HireRequest } from './hire-load.js';
import { matchHires, type EmployeeRow, type HireMismatch } from './hire-matching.js';
import { pollUntil } from './poll-until.js';
import type { ScenarioResult } from './scenario-result.js';

/**
 * Waits (up to the profile's recovery time) for an outcome of every request, then checks: exactly one
 * outcome per requestId, every one employee.hired (the requests are conflict-free), each hired event's
 * aggregate id one active employees row with the request's person, company and card, no other row at
 * their companies, every decided request's event on the topic.
 * Fills in outcomes, lost, duplicated, stuck and recoverMs of `result`.
 */
export async function checkHires(
  ctx: FaultContext,
  requests: readonly HireRequest[],
  result: ScenarioResult,
  since = Date.now(),
  timeoutMs = ctx.profile.recoverMs,
): Promise<void> {
  const ids = [...new Set(requests.map((r) => r.requestId))];
  const waited = await pollUntil(() => ctx.recorder.answered(ids) === ids.length, timeoutMs, 200);
  const last = Math.max(0, ...ids.map((id) => ctx.recorder.outcome(id)?.firstAt ?? 0));
  result.recoverMs = waited === null ? null : Math.max(0, last - since);
  const missing = ids.filter((id) => !ctx.recorder.outcome(id));
  result.outcomes += ids.length - missing.length;

  const twice = ids.filter((id) => (ctx.recorder.outcome(id)?.eventIds.size ?? 0) > 1);
  const notHired = ids.filter((id) => {
    const types = ctx.recorder.outcome(id)?.types;
    return types && !(types.size === 1 && types.has('employee.hired'));
  });
  if (twice.length)
    result.violations.push(`${twice.length} requestIds decided twice (e.g. ${twice[0]})`);
  if (notHired.length) {
    const types = [...(ctx.recorder.outcome(notHired[0])?.types ?? [])].join('+');
    result.violations.push(
      `${notHired.length} valid requests not hired (e.g. ${notHired[0]}: ${types})`,
    );
  }

  const db = ctx.stack.databases.employment;
  const decided = new Set(
    (
      await queryDatabase<{ request_id: string }>(
        db,
        `SELECT key AS request_id FROM idempotency_keys WHERE scope = 'hire-request' AND key = ANY($1)`,
        [ids],
      )
    ).map((r) => r.request_id),
  );
  const lostEvents = missing.filter((id) => decided.has(id));
  const stuck = missing.filter((id) => !decided.has(id));
  if (lostEvents.length)
    result.violations.push(`${lostEvents.length} decided requests without an outcome event`);
  if (stuck.length)
    result.violations.push(
      `${stuck.length} requests without an outcome after ${timeoutMs / 1000} s (e.g. ${stuck[0]})`,
    );

  const companies = [...new Set(requests.map((r) => r.companyId))];
  const rows = await queryDatabase<EmployeeRow>(
    db,
    'SELECT id, person_id, company_id, card_id, ended_at FROM employees WHERE company_id = ANY($1)',
    [companies],
  );
  const asked = [...new Map(requests.map((r) => [r.requestId, r])).values()].map((r) => {
    const [hiredId] = ctx.recorder.outcome(r.requestId)?.hiredIds ?? [];
    return {
      ...r,
      name: r.requestId,
      hired: hiredId ? ctx.recorder.hired.get(hiredId) : undefined,
    };
  });
  const mismatch = matchHires(asked, rows);
  reportMismatch('hire requests', mismatch, result);

  result.lost += lostEvents.length;
  result.duplicated += twice.length;
  result.stuck += stuck.length;
}

/** Counts and words a mismatch between hires and rows: a missing row and an extra one both count. */
export function reportMismatch(what: string, m: HireMismatch, result: ScenarioResult): void {
  if (m.withoutRow.length)
    result.violations.push(
      `${m.withoutRow.length} ${what} hired without their active employees row (e.g. ${m.withoutRow[0]})`,
    );
  if (m.different.length)
    result.violations.push(
      `${m.different.length} ${what} hired another person, company or card than asked (e.g. ${m.different[0]})`,
    );
  if (m.extraRows.length)
    result.violations.push(
      `${m.extraRows.length} employees rows no ${what.replace(/s$/, '')} accounts for (e.g. ${m.extraRows[0]})`,
    );
  result.lost += m.withoutRow.length + m.different.length;
  result.duplicated += m.extraRows.length;
}

/**
 * Waits until every request sent twice has had its second decision (a second outcome delivery), so
 * a repeat decided anew is seen before the checks; each one still waiting is stuck.
 */
export async function awaitRepeats(
  ctx: FaultContext,
  repeatedIds: readonly string[],
  result: ScenarioResult,
  timeoutMs = ctx.profile.recoverMs,
): Promise<void> {
  const waiting = () => repeatsWaiting(ctx.recorder.outcomes, repeatedIds);
  await pollUntil(() => waiting().length === 0, timeoutMs, 200);
  const left = waiting();
  if (left.length) {
    result.stuck += left.length;
    result.violations.push(
      `${left.length} requests sent twice without a second outcome after ${timeoutMs / 1000} s (e.g. ${left[0]})`,
    );
  }
}

/** The requests of `repeatedIds` with fewer than two outcome deliveries. */
export function repeatsWaiting(
  outcomes: ReadonlyMap<string, { deliveries: number }>,
  repeatedIds: readonly string[],
): string[] {
  return repeatedIds.filter((id) => (outcomes.get(id)?.deliveries ?? 0) < 2);
}
