import type { FaultContext } from './fault-context.js';
import { checkHires } from './hire-invariants.js';
import { checkHttpLoad } from './http-invariants.js';
import { hireStream, plannedHires, seedParties, type HireRequest } from './hire-load.js';
import { HttpLoad } from './http-load.js';
import { pollUntil } from './poll-until.js';
import type { ScenarioResult } from './scenario-result.js';
import { checkOutboxesDrained } from './stack-checks.js';

/** The load an outage scenario runs under, started and flowing (a quarter of it answered). */
export interface OutageLoad {
  requests: HireRequest[];
  load: HttpLoad;
  stream: ReturnType<typeof hireStream>;
}

/** Seeds parties, starts HTTP clients and a paced stream of up to 1,000 hires, and waits until it flows. */
export async function startOutageLoad(ctx: FaultContext, tag: string): Promise<OutageLoad> {
  const parties = await seedParties(ctx.stack, tag, 500, 2);
  const requests = plannedHires(tag, Math.min(ctx.profile.hires, 1000), parties);
  const ids = requests.map((r) => r.requestId);
  const load = new HttpLoad(ctx.stack, tag).start(ctx.profile.httpClients);
  const stream = hireStream(ctx.producer, requests, requests.length / 20);
  await pollUntil(() => ctx.recorder.answered(ids) >= ids.length / 4, ctx.profile.recoverMs, 100);
  return { requests, load, stream };
}

/**
 * Ends an outage scenario's load and checks what it must leave: every hire answered (timed from
 * `recoveredAt`), the HTTP calls' invariants, the outboxes drained.
 */
export async function finishOutageLoad(
  ctx: FaultContext,
  { requests, load, stream }: OutageLoad,
  result: ScenarioResult,
  recoveredAt: number,
): Promise<void> {
  result.sent += (await stream.finish()).length;
  await checkHires(ctx, requests, result, recoveredAt);
  await load.stop();
  await checkHttpLoad(ctx, load, result);
  await checkOutboxesDrained(ctx.stack, result);
}
