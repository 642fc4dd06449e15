import { queryDatabase } from '#testing';
import type { FaultContext } from './fault-context.js';
import type { HireRequest } from './hire-load.js';
import { pollUntil } from './poll-until.js';
import type { ScenarioResult } from './scenario-result.js';

/**
 * Waits (up to the profile's recovery time) for an outcome of every request, then checks: exactly one
 * outcome per requestId, every one employee.hired (the requests are conflict-free), one employee per
 * accepted request and no other at their companies, every decided request's event on the topic.
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
  const [{ n }] = await queryDatabase<{ n: number }>(
    db,
    'SELECT count(*)::int AS n FROM employees WHERE company_id = ANY($1)',
    [companies],
  );
  const hired = ids.filter((id) => ctx.recorder.outcome(id)?.types.has('employee.hired')).length;
  const hiredWithoutRow = Math.max(0, hired - n);
  const extraRows = Math.max(0, n - ids.length);
  if (n !== hired && stuck.length === 0)
    result.violations.push(`${n} employees for ${hired} accepted requests`);

  result.lost += lostEvents.length + hiredWithoutRow;
  result.duplicated += twice.length + extraRows;
  result.stuck += stuck.length;
}
