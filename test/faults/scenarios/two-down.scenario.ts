import type { FaultScenario } from '../fault-context.js';
import { clusterOf, fullyReplicated } from '../cluster-checks.js';
import { firstWriteAfter } from '../first-write.js';
import { finishOutageLoad, startOutageLoad } from '../outage-load.js';
import { pollUntil } from '../poll-until.js';
import { emptyResult } from '../scenario-result.js';

/** A refused write should come about as fast as the request timeout allows. */
const FAST_503_MS = 5_000;
/** Calls sent this soon after the fault may still have been acknowledged before it. */
const IN_FLIGHT_MS = 1_000;
/** How much longer than the profile's outage the nodes stay down, at most, for a write to be judged. */
const REFUSAL_WAIT_MS = 15_000;

/**
 * Three brokers, two of them killed for the profile's outage: no quorum, no in-sync pair, so every
 * write must be refused (503) within its deadline and hire requests wait; once both are back,
 * everything acknowledged is there and every hire request answered once.
 */
export const twoDownScenario: FaultScenario = {
  name: 'two of 3 brokers down',
  cluster: true,
  async run(ctx) {
    const result = emptyResult(this.name);
    const outage = await startOutageLoad(ctx, `two-down-${ctx.run}`);
    const { load } = outage;
    const victims = clusterOf(ctx).nodes.slice(1);
    ctx.log(
      `nodes ${victims.map((n) => n.nodeId).join(', ')} down for ${ctx.profile.brokerOutageMs / 1000} s`,
    );
    const down = Date.now();
    await Promise.all(victims.map((n) => n.kill()));
    const answeredBefore = ctx.recorder.answered(outage.requests.map((r) => r.requestId));
    await new Promise((resolve) => setTimeout(resolve, ctx.profile.brokerOutageMs)); // the fault's length
    // A call in flight at the kill may wait out its whole deadline, and the load's clients then
    // call again in step: the nodes stay down until a write sent during the outage has had its
    // answer (or REFUSAL_WAIT_MS more), so the checks below always have calls to judge.
    const answeredInOutage = () =>
      load.calls.some((c) => c.at >= down + IN_FLIGHT_MS && c.route !== 'GET /people/:id');
    const waited = await pollUntil(answeredInOutage, REFUSAL_WAIT_MS);
    ctx.log(
      waited === null
        ? `no write sent during the outage was answered within ${REFUSAL_WAIT_MS} ms more`
        : `a write sent during the outage answered; nodes kept down ${waited} ms longer for it`,
    );
    const answeredDuring =
      ctx.recorder.answered(outage.requests.map((r) => r.requestId)) - answeredBefore;
    const restarting = Date.now();
    await Promise.all(victims.map((n) => n.start()));
    const up = Date.now();
    ctx.log(`both nodes back ${up - down} ms after the kill (start took ${up - restarting} ms)`);

    const during = load.calls.filter(
      (c) => c.at >= down + IN_FLIGHT_MS && c.at + c.ms < restarting,
    );
    const writes = during.filter((c) => c.route !== 'GET /people/:id');
    const accepted = writes.filter((c) => c.status === 201).length;
    const refused = writes.filter((c) => c.status === 503);
    const slow = refused.filter((c) => c.ms > FAST_503_MS).length;
    if (accepted) result.violations.push(`${accepted} writes answered 201 with two brokers down`);
    if (!refused.length) result.violations.push('no write was refused with 503 during the outage');
    if (slow)
      result.violations.push(`${slow} 503s slower than ${FAST_503_MS} ms during the outage`);
    result.notes.push(
      `during: ${refused.length} writes refused (503), slowest ${Math.max(0, ...refused.map((c) => c.ms))} ms; ` +
        `${answeredDuring} hire outcomes came while down`,
    );

    if ((await fullyReplicated(ctx.admin, ctx.profile.recoverMs)) === null)
      result.violations.push('replicas not back in sync after the outage');
    const first = await firstWriteAfter(load, up, ctx.profile.recoverMs);
    result.notes.push(
      first === null
        ? 'no HTTP 201 after the outage'
        : `first HTTP 201 ${first} ms after both were back`,
    );
    if (first === null) result.violations.push('HTTP writes did not recover after the outage');
    await finishOutageLoad(ctx, outage, result, up);
    return result;
  },
};
