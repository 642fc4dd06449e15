import type { FaultScenario } from '../fault-context.js';
import { checkHires } from '../hire-invariants.js';
import { plannedHires, seedParties, sendHires } from '../hire-load.js';
import { emptyResult } from '../scenario-result.js';
import { pollUntil } from '../poll-until.js';
import { allHealthy } from '../stack-checks.js';

/**
 * Hire requests pile up while employment is down, on a few keys so that each partition holds
 * thousands of distinct people and companies; after the restart all must be answered in bounded time.
 */
export const backlogScenario: FaultScenario = {
  name: 'backlog while employment is down',
  async run(ctx) {
    const result = emptyResult(this.name);
    const tag = `backlog-${ctx.run}`;
    const count = ctx.profile.backlog;
    const parties = await seedParties(
      ctx.stack,
      tag,
      Math.ceil(count / 2),
      Math.ceil(count / ctx.profile.backlogKeys),
    );
    const requests = plannedHires(tag, count, parties);
    await Promise.all(ctx.stack.live('employment').map((r) => r.process.stop()));
    await sendHires(ctx.producer, requests, (_, i) => `${tag}-${i % ctx.profile.backlogKeys}`);
    ctx.log(`${count} hire requests waiting; starting employment`);
    const started = Date.now();
    const replicas = await Promise.all([ctx.stack.add('employment'), ctx.stack.add('employment')]);
    result.sent = count;
    await checkHires(ctx, requests, result, started, ctx.profile.backlogRecoverMs);
    // Not awaited before the outcomes: a replica that cannot start while a backlog waits is a finding.
    const healthy = await pollUntil(() => allHealthy(replicas), 15_000, 500);
    if (healthy === null)
      result.violations.push('the restarted employment replicas did not all answer /health');
    if (result.recoverMs !== null)
      result.notes.push(
        `${Math.round((count * 1000) / Math.max(1, result.recoverMs))} outcomes/s after the restart`,
      );
    return result;
  },
};
