import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '#devstack';
import type { FaultContext, FaultScenario } from '../fault-context.js';
import { consumedTopics, SERVICE_GROUPS } from '../consumer-lag.js';
import { checkHires } from '../hire-invariants.js';
import { hireStream, plannedHires, seedParties } from '../hire-load.js';
import { checkHttpLoad } from '../http-invariants.js';
import { HttpLoad } from '../http-load.js';
import { emptyResult, type ScenarioResult } from '../scenario-result.js';
import { SoakSampler, type SoakSample } from '../soak-sampler.js';
import { checkTrends } from '../soak-trends.js';
import { checkOutboxesDrained } from '../stack-checks.js';
import { soakTable } from '../soak-table.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Probes the HTTP capacity with a closed loop, then offers a share of it (half by default) at a steady
 * pace for the profile's duration, beside a steady stream of hire requests, sampling memory, latency,
 * lag and the outboxes. Passes with no error and no upward trend: memory, p99, lag and backlog of the
 * last third of the run no worse than allowed against the first third.
 */
export const soakScenario: FaultScenario = {
  name: 'soak at half capacity',
  soak: true,
  async run(ctx) {
    const soak = ctx.profile.soak;
    if (!soak) throw new Error('the soak scenario runs with --profile soak');
    const result = emptyResult(this.name);
    const tag = `soak-${ctx.run}`;

    const probe = new HttpLoad(ctx.stack, `${tag}-probe`).start(soak.probeClients);
    await sleep(soak.probeMs); // the probe's length
    const probed = await probe.stop();
    const capacity =
      probed.filter((c) => c.status === 200 || c.status === 201).length / (soak.probeMs / 1000);
    const rate = Math.max(10, Math.round(capacity * soak.loadShare));
    ctx.log(
      `HTTP capacity ${Math.round(capacity)}/s (closed loop, ${soak.probeClients} clients); soaking at ${rate}/s`,
    );
    result.notes.push(
      `HTTP capacity probed: ${Math.round(capacity)}/s; offered ${rate}/s for ${soak.durationMs / 60_000} min, plus ${soak.hiresPerSecond} hire requests/s`,
    );

    const seconds = soak.durationMs / 1000;
    const parties = await seedParties(
      ctx.stack,
      tag,
      1000,
      Math.ceil((soak.hiresPerSecond * seconds) / 1000) + 1,
    );
    const hires = plannedHires(tag, soak.hiresPerSecond * seconds, parties);
    const topics = await consumedTopics(ctx.admin, SERVICE_GROUPS);
    const began = Date.now();
    const stream = hireStream(ctx.producer, hires, soak.hiresPerSecond);
    const load = new HttpLoad(ctx.stack, tag).start(soak.clients, rate);
    const sampler = new SoakSampler(ctx.stack, ctx.admin, topics, load.calls, began);
    while (Date.now() - began < soak.durationMs) {
      await sleep(Math.min(soak.sampleMs, began + soak.durationMs - Date.now())); // the sampling period
      const s = await sampler.sample();
      ctx.log(
        `soak ${s.atS} s: ${s.rate}/s p50 ${s.p50Ms} ms p99 ${s.p99Ms} ms, ${s.errors} errors, lag ${s.lag}, outbox ${s.outbox}, RSS max ${Math.max(...Object.values(s.rssMb))} MiB`,
      );
    }
    await load.stop();
    const ended = Date.now();
    result.sent += (await stream.finish()).length;
    await checkHires(ctx, hires, result, ended);
    await checkHttpLoad(ctx, load, result);
    await checkOutboxesDrained(ctx.stack, result);
    checkTrends(sampler.samples, result);
    await writeReport(ctx, sampler.samples, result);
    return result;
  },
};

/** Writes the samples as a markdown table under .cache/faults/ for docs/reliability.md. */
async function writeReport(
  ctx: FaultContext,
  samples: readonly SoakSample[],
  result: ScenarioResult,
) {
  const dir = join(repoRoot(), '.cache', 'faults');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
  await writeFile(
    file,
    `${soakTable(samples)}\n\n${result.notes.map((n) => `- ${n}`).join('\n')}\n`,
  );
  ctx.log(`soak samples: ${file}`);
}
