import type { FaultScenario } from '../fault-context.js';
import { checkHires } from '../hire-invariants.js';
import { hireStream, plannedHires, seedParties } from '../hire-load.js';
import { checkHttpLoad } from '../http-invariants.js';
import { HttpLoad } from '../http-load.js';
import { pollUntil } from '../poll-until.js';
import { emptyResult } from '../scenario-result.js';
import { checkOutboxesDrained, restoreReplicas } from '../stack-checks.js';

const EXIT_WITHIN_MS = 10_000;

/** SIGTERM every replica of every app under load, then start them again: nothing lost, nothing twice. */
export const gracefulShutdownScenario: FaultScenario = {
  name: 'graceful shutdown (SIGTERM all)',
  async run(ctx) {
    const result = emptyResult(this.name);
    const tag = `term-${ctx.run}`;
    const parties = await seedParties(ctx.stack, tag, 500, Math.ceil(ctx.profile.hires / 500) + 1);
    const requests = plannedHires(tag, ctx.profile.hires, parties);
    const ids = requests.map((r) => r.requestId);
    const load = new HttpLoad(ctx.stack, tag).start(ctx.profile.httpClients);
    const stream = hireStream(ctx.producer, requests, Math.max(100, ctx.profile.hires / 10));
    await pollUntil(() => ctx.recorder.answered(ids) >= ids.length / 3, ctx.profile.recoverMs, 100);

    const all = (['people', 'companies', 'employment', 'gateway'] as const).flatMap((app) =>
      ctx.stack.live(app),
    );
    ctx.log(`SIGTERM ${all.length} apps at ${ctx.recorder.answered(ids)}/${ids.length} outcomes`);
    const exits = await Promise.all(
      all.map(async (r) => {
        const started = Date.now();
        await r.process.stop(EXIT_WITHIN_MS + 5_000);
        return { label: r.process.label, ms: Date.now() - started };
      }),
    );
    const slow = exits.filter((e) => e.ms > EXIT_WITHIN_MS);
    if (slow.length)
      result.violations.push(
        `exit after SIGTERM over 10 s: ${slow.map((e) => `${e.label} ${e.ms} ms`).join(', ')}`,
      );
    result.notes.push(`slowest exit after SIGTERM: ${Math.max(...exits.map((e) => e.ms))} ms`);
    const restarted = Date.now();
    await restoreReplicas(ctx.stack);

    result.sent += (await stream.finish()).length;
    await checkHires(ctx, requests, result, restarted);
    await load.stop();
    await checkHttpLoad(ctx, load, result);
    await checkOutboxesDrained(ctx.stack, result);
    return result;
  },
};
