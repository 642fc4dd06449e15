import type { FaultScenario } from '../fault-context.js';
import { firstWriteAfter } from '../first-write.js';
import { pollUntil } from '../poll-until.js';
import { emptyResult } from '../scenario-result.js';
import { finishOutageLoad, startOutageLoad } from '../outage-load.js';
import { allHealthy } from '../stack-checks.js';
import { outageWriteProblems } from '../outage-writes.js';

/**
 * Cuts the employment service off its database (through the suite's TCP proxy) under load: writes
 * refused meanwhile (503, no hire decided), no replica crashes, everything answered after.
 */
export const databaseOutageScenario: FaultScenario = {
  name: 'database outage (employment)',
  async run(ctx) {
    const result = emptyResult(this.name);
    const tag = `db-${ctx.run}`;
    const replicas = ctx.stack.live('employment');
    const outage = await startOutageLoad(ctx, tag);
    const { load } = outage;

    ctx.log(`employment database down for ${ctx.profile.databaseOutageMs / 1000} s`);
    const down = Date.now();
    ctx.employmentDbProxy.down();
    await new Promise((resolve) => setTimeout(resolve, ctx.profile.databaseOutageMs)); // the fault's length
    ctx.employmentDbProxy.up();
    const up = Date.now();
    const during = load.calls.filter(
      (c) => c.route === 'POST /employees' && c.at >= down && c.at < up,
    );
    const statuses = [...new Set(during.map((c) => c.status))].join(',');
    result.notes.push(
      `POST /employees during the outage: ${statuses || 'none'}; ${ctx.employmentDbProxy.refused} connections refused`,
    );

    const crashed = replicas.filter((r) => !r.process.running).map((r) => r.process.label);
    if (crashed.length)
      result.violations.push(`employment replicas exited during the outage: ${crashed.join(', ')}`);
    const firstHire = await firstWriteAfter(load, up, ctx.profile.recoverMs, 'POST /employees');
    result.notes.push(
      firstHire === null
        ? 'no POST /employees succeeded after the outage'
        : `first POST /employees 201 ${firstHire} ms after the database was back`,
    );
    const healthy = await pollUntil(() => allHealthy(replicas), ctx.profile.recoverMs, 500);
    if (healthy === null)
      result.violations.push('employment /health not 200 again after the outage');

    await finishOutageLoad(ctx, outage, result, up);
    // With every call and outcome in: were writes refused meanwhile?
    const outcomeTimes = outage.requests.flatMap((r) => {
      const at = ctx.recorder.outcome(r.requestId)?.firstAt;
      return at === undefined ? [] : [at];
    });
    result.violations.push(...outageWriteProblems(load.calls, outcomeTimes, down, up));
    return result;
  },
};
