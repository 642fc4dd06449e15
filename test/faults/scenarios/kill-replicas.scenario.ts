import type { AppName } from '#devstack';
import type { FaultScenario } from '../fault-context.js';
import { awaitRepeats, checkHires } from '../hire-invariants.js';
import { hireStream, plannedHires, seedParties } from '../hire-load.js';
import { checkHttpLoad } from '../http-invariants.js';
import { HttpLoad } from '../http-load.js';
import { pollUntil } from '../poll-until.js';
import { emptyResult } from '../scenario-result.js';
import { checkOutboxesDrained, restoreReplicas } from '../stack-checks.js';

/** kill -9 one replica of employment, then people, then a gateway, while hire requests and HTTP flow. */
export const killReplicasScenario: FaultScenario = {
  name: 'kill -9 employment, people, gateway',
  async run(ctx) {
    const result = emptyResult(this.name);
    const tag = `kill-${ctx.run}`;
    const parties = await seedParties(ctx.stack, tag, 500, Math.ceil(ctx.profile.hires / 500) + 1);
    const requests = plannedHires(tag, ctx.profile.hires, parties);
    const copies = requests.filter((_, i) => i % 20 === 0); // 5% sent twice: the same outcome again
    const load = new HttpLoad(ctx.stack, tag).start(ctx.profile.httpClients);
    const stream = hireStream(
      ctx.producer,
      [...requests, ...copies],
      Math.max(100, ctx.profile.hires / 15),
    );
    const ids = requests.map((r) => r.requestId);
    let lastFault = Date.now();
    const victims: AppName[] = ['employment', 'people', 'gateway'];
    for (const [i, app] of victims.entries()) {
      const share = ((i + 1) * ids.length) / 5;
      await pollUntil(() => ctx.recorder.answered(ids) >= share, ctx.profile.recoverMs, 100);
      const [victim] = ctx.stack.live(app);
      ctx.log(
        `kill -9 ${victim.process.label} at ${ctx.recorder.answered(ids)}/${ids.length} outcomes`,
      );
      await victim.process.kill();
      lastFault = Date.now();
    }
    await restoreReplicas(ctx.stack);
    const sent = await stream.finish();
    await awaitRepeats(
      ctx,
      copies.map((r) => r.requestId),
      result,
    );
    await checkHires(ctx, requests, result, lastFault);
    result.sent += sent.length;
    await load.stop();
    await checkHttpLoad(ctx, load, result);
    await checkOutboxesDrained(ctx.stack, result);
    return result;
  },
};
