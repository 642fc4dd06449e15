import type { FaultScenario } from '../fault-context.js';
import { firstWriteAfter } from '../first-write.js';
import { emptyResult } from '../scenario-result.js';
import { finishOutageLoad, startOutageLoad } from '../outage-load.js';

/** A 503 during the outage should come about as fast as the request timeout allows. */
const FAST_503_MS = 5_000;

/** Stops the broker under load for the profile's outage, then starts it on the same data. */
export const brokerOutageScenario: FaultScenario = {
  name: 'broker outage',
  async run(ctx) {
    const result = emptyResult(this.name);
    const tag = `broker-${ctx.run}`;
    const outage = await startOutageLoad(ctx, tag);
    const { load } = outage;

    ctx.log(`broker down for ${ctx.profile.brokerOutageMs / 1000} s`);
    const down = Date.now();
    await ctx.broker.stop();
    await new Promise((resolve) => setTimeout(resolve, ctx.profile.brokerOutageMs)); // the fault's length
    const up = Date.now();
    await ctx.broker.start();
    const back = Date.now();
    ctx.log(`broker up after ${back - down} ms (start took ${back - up} ms)`);
    const during = load.calls.filter((c) => c.status === 503 && c.at >= down && c.at < up);
    const slow503 = during.filter((c) => c.ms > FAST_503_MS).length;
    if (slow503)
      result.violations.push(`${slow503} 503s slower than ${FAST_503_MS} ms during the outage`);
    result.notes.push(
      `${during.length} 503s, slowest ${Math.max(0, ...during.map((c) => c.ms))} ms`,
    );

    const firstWrite = await firstWriteAfter(load, back, ctx.profile.recoverMs);
    result.notes.push(
      firstWrite === null
        ? 'no HTTP write succeeded after the outage'
        : `first HTTP 201 ${firstWrite} ms after the broker was back (answering admin calls)`,
    );
    if (firstWrite === null) result.violations.push('HTTP writes did not recover after the outage');

    await finishOutageLoad(ctx, outage, result, up);
    return result;
  },
};
