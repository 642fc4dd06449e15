import type { FaultScenario } from '../fault-context.js';
import { clusterOf, fullyReplicated } from '../cluster-checks.js';
import { firstWriteAfter } from '../first-write.js';
import { finishOutageLoad, startOutageLoad } from '../outage-load.js';
import { emptyResult } from '../scenario-result.js';

/**
 * Three brokers under hire-request and HTTP load: each node in turn stopped (SIGTERM, controlled
 * shutdown) and started again, the next one only once every replica is back in sync.
 */
export const rollingRestartScenario: FaultScenario = {
  name: 'rolling restart of 3 brokers',
  cluster: true,
  async run(ctx) {
    const result = emptyResult(this.name);
    const outage = await startOutageLoad(ctx, `rolling-${ctx.run}`);
    let last = Date.now();
    for (const node of clusterOf(ctx).nodes) {
      const began = Date.now();
      await node.stop();
      await node.start();
      last = Date.now();
      const synced = await fullyReplicated(ctx.admin, ctx.profile.recoverMs);
      if (synced === null)
        result.violations.push(`replicas not back in sync after node ${node.nodeId} restarted`);
      const write = await firstWriteAfter(outage.load, last, ctx.profile.recoverMs);
      result.notes.push(
        `node ${node.nodeId}: restarted in ${last - began} ms, in sync ${synced ?? '-'} ms later, ` +
          `next HTTP 201 ${write ?? '-'} ms after it was back`,
      );
      ctx.log(`node ${node.nodeId} restarted in ${last - began} ms`);
    }
    await finishOutageLoad(ctx, outage, result, last);
    return result;
  },
};
