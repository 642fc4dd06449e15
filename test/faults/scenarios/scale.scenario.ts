import type { AppName } from '#devstack';
import type { FaultScenario } from '../fault-context.js';
import { checkHires } from '../hire-invariants.js';
import { hireStream, plannedHires, seedParties } from '../hire-load.js';
import { checkHttpLoad } from '../http-invariants.js';
import { HttpLoad } from '../http-load.js';
import { pollUntil } from '../poll-until.js';
import { emptyResult } from '../scenario-result.js';
import { checkOutboxesDrained, groupProblems, restoreReplicas } from '../stack-checks.js';

const SCALED: AppName[] = ['people', 'employment', 'gateway'];
/** Consumer groups of the scaled services and which app's replicas are their members. */
const GROUPS: [string, AppName][] = [
  ['people', 'people'],
  ['employment', 'employment'],
  ['employment.hire-requests', 'employment'],
  ['employment.party-deletions', 'employment'],
];

/** Adds a third replica of people, employment and gateway, then removes two of each, under load. */
export const scaleScenario: FaultScenario = {
  name: 'scale 2 -> 3 -> 1 replicas',
  async run(ctx) {
    const result = emptyResult(this.name);
    const tag = `scale-${ctx.run}`;
    const parties = await seedParties(ctx.stack, tag, 500, Math.ceil(ctx.profile.hires / 500) + 1);
    const requests = plannedHires(tag, ctx.profile.hires, parties);
    const load = new HttpLoad(ctx.stack, tag).start(ctx.profile.httpClients);
    const stream = hireStream(ctx.producer, requests, Math.max(100, ctx.profile.hires / 20));

    const added = await Promise.all(SCALED.map((app) => ctx.stack.add(app)));
    await Promise.all(added.map((r) => ctx.stack.waitHealthy(r)));
    ctx.log(
      `scaled up to 3; ${ctx.recorder.answered(requests.map((r) => r.requestId))} outcomes so far`,
    );
    await Promise.all(
      SCALED.flatMap((app) =>
        ctx.stack
          .live(app)
          .slice(0, 2)
          .map((r) => r.process.stop()),
      ),
    );
    const scaledDown = Date.now();
    ctx.log('scaled down to 1');

    const problems = async () =>
      (
        await Promise.all(
          GROUPS.map(([g, app]) => groupProblems(ctx.admin, g, ctx.stack.live(app).length)),
        )
      ).flat();
    const settled = await pollUntil(async () => (await problems()).length === 0, 60_000, 500);
    if (settled === null) result.violations.push(...(await problems()));
    else result.notes.push(`groups rebalanced ${settled} ms after the scale-down`);

    result.sent += (await stream.finish()).length;
    await checkHires(ctx, requests, result, scaledDown);
    await load.stop();
    await checkHttpLoad(ctx, load, result);
    await checkOutboxesDrained(ctx.stack, result);
    await restoreReplicas(ctx.stack);
    return result;
  },
};
