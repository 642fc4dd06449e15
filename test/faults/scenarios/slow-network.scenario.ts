import type { TcpFaultProxy } from '#testing';
import type { FaultScenario } from '../fault-context.js';
import { firstWriteAfter } from '../first-write.js';
import { emptyResult } from '../scenario-result.js';
import { finishOutageLoad, startOutageLoad } from '../outage-load.js';

/** The slow network: every chunk each way held this long, plus up to JITTER_MS more. */
const LATENCY_MS = 100;
const JITTER_MS = 50;
/** How long each stall holds every byte (connections stay open). */
const STALL_MS = 5_000;
/**
 * The gateway answers within its request timeout (REQUEST_TIMEOUT_MS, 3 s by default); a call that
 * takes longer than this through a slow or stalled network is a caller left waiting past its deadline.
 */
const DEADLINE_MS = 4_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Slows the network between the apps and the broker and between employment and its database (+100 ms
 * with jitter, each way), then stalls each for 5 s, under HTTP and hire-request load: every caller is
 * answered within its deadline (a 503 at worst), nothing is lost or done twice, and writes succeed
 * again once the network is well.
 */
export const slowNetworkScenario: FaultScenario = {
  name: 'slow network and stalls (broker, database)',
  async run(ctx) {
    const result = emptyResult(this.name);
    const tag = `slow-${ctx.run}`;
    const proxies: [string, TcpFaultProxy | undefined][] = [
      ['broker', ctx.brokerProxy],
      ['employment database', ctx.employmentDbProxy],
    ];
    const behind = proxies.flatMap(([name, proxy]) => (proxy ? [[name, proxy] as const] : []));
    if (!ctx.brokerProxy) result.notes.push('the broker is not behind a proxy (cluster run)');
    const outage = await startOutageLoad(ctx, tag);
    const { load } = outage;

    const began = Date.now();
    ctx.log(
      `network +${LATENCY_MS} ms (jitter ${JITTER_MS} ms) for ${ctx.profile.slowNetworkMs / 1000} s`,
    );
    behind.forEach(([, proxy]) => proxy.slow({ latencyMs: LATENCY_MS, jitterMs: JITTER_MS }));
    await sleep(ctx.profile.slowNetworkMs); // the fault's length
    for (const [name, proxy] of behind) {
      ctx.log(`${name}: every byte held for ${STALL_MS / 1000} s`);
      proxy.stall(STALL_MS);
      await sleep(STALL_MS); // the fault's length
    }
    behind.forEach(([, proxy]) => proxy.up());
    const well = Date.now();

    const during = load.calls.filter((c) => c.at >= began && c.at < well);
    const late = during.filter((c) => c.status === 'hang' || c.ms > DEADLINE_MS);
    if (late.length)
      result.violations.push(
        `${late.length} HTTP calls answered after ${DEADLINE_MS} ms (e.g. ${late[0].route} ${late[0].status} in ${late[0].ms} ms)`,
      );
    const ok = during.filter((c) => c.status === 200 || c.status === 201).length;
    result.notes.push(
      `during the slow network and stalls: ${during.length} calls, ${ok} 2xx, ` +
        `${during.filter((c) => c.status === 503).length} 503, slowest ${Math.max(0, ...during.map((c) => c.ms))} ms`,
    );
    if (ok === 0) result.violations.push('no HTTP call succeeded on the slow network');

    const firstWrite = await firstWriteAfter(load, well, ctx.profile.recoverMs);
    result.notes.push(
      firstWrite === null
        ? 'no HTTP write succeeded after the network was well'
        : `first HTTP 201 ${firstWrite} ms after the network was well`,
    );
    if (firstWrite === null) result.violations.push('HTTP writes did not recover');

    await finishOutageLoad(ctx, outage, result, well);
    return result;
  },
};
