import type { FaultContext } from './fault-context.js';
import { hireStream, plannedHires, seedParties, type HireRequest } from './hire-load.js';
import { HttpLoad } from './http-load.js';
import { pollUntil } from './poll-until.js';

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
