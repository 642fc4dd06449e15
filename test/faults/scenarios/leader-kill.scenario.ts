import { EVENT_TOPICS, REPLY_TOPICS } from '#contracts';
import type { FaultContext, FaultScenario } from '../fault-context.js';
import { busiestLeader, clusterOf, fullyReplicated, groupCoordinator } from '../cluster-checks.js';
import { firstWriteAfter } from '../first-write.js';
import { finishOutageLoad, startOutageLoad, type OutageLoad } from '../outage-load.js';
import { emptyResult, type ScenarioResult } from '../scenario-result.js';

/** The partitions whose leader this scenario kills first: hire requests in, replies out. */
const LED_TOPICS = [EVENT_TOPICS.hireRequests, REPLY_TOPICS.gateway, REPLY_TOPICS.employment];

/**
 * Three brokers under hire-request and HTTP load: kill -9 the node leading most hire-request and
 * reply partitions, start it again; then kill -9 the group coordinator, start it again.
 */
export const leaderKillScenario: FaultScenario = {
  name: 'kill -9 partition leader, then group coordinator (3 brokers)',
  cluster: true,
  async run(ctx) {
    const result = emptyResult(this.name);
    const outage = await startOutageLoad(ctx, `leader-${ctx.run}`);
    const [leader, led] = await busiestLeader(ctx.admin, LED_TOPICS);
    await killAndRestart(
      ctx,
      outage,
      result,
      leader,
      `leader of ${led} hire-request/reply partitions`,
    );
    const coordinator = await groupCoordinator(ctx.admin);
    const last = await killAndRestart(ctx, outage, result, coordinator, 'group coordinator');
    await finishOutageLoad(ctx, outage, result, last);
    return result;
  },
};

/** kill -9 one node, note how long writes took to succeed again, restart it, wait for full ISR. */
export async function killAndRestart(
  ctx: FaultContext,
  { load }: OutageLoad,
  result: ScenarioResult,
  nodeId: number,
  role: string,
): Promise<number> {
  const node = clusterOf(ctx).node(nodeId);
  ctx.log(`kill -9 node ${nodeId} (${role})`);
  const killed = Date.now();
  await node.kill();
  const failover = await firstWriteAfter(load, killed, ctx.profile.recoverMs);
  result.notes.push(
    `node ${nodeId} (${role}) killed: ` +
      (failover === null ? 'no HTTP 201 afterwards' : `first HTTP 201 ${failover} ms later`),
  );
  if (failover === null) result.violations.push(`no HTTP write succeeded after killing ${role}`);
  await node.start();
  const back = Date.now();
  if ((await fullyReplicated(ctx.admin, ctx.profile.recoverMs)) === null)
    result.violations.push(`replicas not back in sync after node ${nodeId} restarted`);
  ctx.log(`node ${nodeId} back and in sync ${Date.now() - killed} ms after the kill`);
  return back;
}
