import { queryDatabase } from '#testing';
import type { FaultContext, FaultScenario } from '../fault-context.js';
import { pollUntil } from '../poll-until.js';
import { emptyResult } from '../scenario-result.js';
import { consumedTopics, groupsLag, SERVICE_GROUPS as GROUPS } from '../consumer-lag.js';
import { restoreReplicas } from '../stack-checks.js';

const COUNTS: [service: 'people' | 'companies' | 'employment', sql: string][] = [
  ['people', 'SELECT count(*)::int AS n FROM people'],
  ['companies', 'SELECT count(*)::int AS n FROM companies'],
  ['employment', 'SELECT count(*)::int AS n FROM employees'],
  ['employment', 'SELECT count(*)::int AS n FROM employees WHERE ended_at IS NOT NULL'],
  ['employment', `SELECT count(*)::int AS n FROM idempotency_keys WHERE scope = 'hire-request'`],
];

/**
 * With the services stopped, resets each of their consumer groups to offset zero on every topic it has
 * consumed, starts them again and waits until they caught up (lag over the topics each group had
 * consumed, a partition without a committed offset counting in full): nothing may be applied twice.
 */
export const replayScenario: FaultScenario = {
  name: 'replay every consumed topic from 0',
  async run(ctx) {
    const result = emptyResult(this.name);
    const services = ['people', 'companies', 'employment'] as const;
    await Promise.all(services.flatMap((s) => ctx.stack.live(s).map((r) => r.process.stop())));
    const before = await counts(ctx);
    const decidedTwiceBefore = decidedTwice(ctx);
    const topics = await consumedTopics(ctx.admin, GROUPS);
    let replayed = 0;
    for (const groupId of GROUPS) {
      for (const { partitions } of await ctx.admin.fetchOffsets({ groupId })) {
        replayed += partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
      }
    }
    const unconsumed = [...topics].filter(([, t]) => t.length === 0).map(([g]) => g);
    if (unconsumed.length)
      result.violations.push(
        `groups without committed offsets to replay: ${unconsumed.join(', ')}`,
      );
    // Every consumer of the services reads a new group's topics from the beginning, so deleting the
    // (empty) groups is a reset to offset zero on every topic they consumed; admin.resetOffsets does
    // the same by joining each group once per topic, which takes seconds each.
    const existing = new Set((await ctx.admin.listGroups()).groups.map((g) => g.groupId));
    const deleted = await pollUntil(
      () =>
        ctx.admin.deleteGroups(GROUPS.filter((g) => existing.has(g))).then(
          () => true,
          () => false,
        ),
      30_000,
      500,
    );
    if (deleted === null) throw new Error("could not delete the services' consumer groups");
    ctx.log(`replaying ${replayed} messages`);
    result.sent = replayed;
    const started = Date.now();
    await Promise.all(services.map((s) => restoreReplicas(ctx.stack, 2, [s])));
    const caughtUp = await pollUntil(
      async () => (await groupsLag(ctx.admin, topics)) === 0,
      ctx.profile.recoverMs * 2,
      1000,
    );
    result.recoverMs = caughtUp === null ? null : Date.now() - started;
    if (caughtUp === null) {
      result.stuck = await groupsLag(ctx.admin, topics);
      result.violations.push(
        `${result.stuck} messages not consumed again after ${(ctx.profile.recoverMs * 2) / 1000} s`,
      );
    }
    result.outcomes = replayed - result.stuck;
    const after = await counts(ctx);
    COUNTS.forEach(([service, sql], i) => {
      if (after[i] !== before[i]) {
        result.duplicated += Math.abs(after[i] - before[i]);
        result.violations.push(
          `${service}: "${sql}" was ${before[i]}, is ${after[i]} after the replay`,
        );
      }
    });
    const twice = decidedTwice(ctx) - decidedTwiceBefore;
    if (twice > 0) {
      result.duplicated += twice;
      result.violations.push(`${twice} more requestIds with two different outcome events`);
    }
    return result;
  },
};

async function counts(ctx: FaultContext): Promise<number[]> {
  return Promise.all(
    COUNTS.map(
      async ([s, sql]) => (await queryDatabase<{ n: number }>(ctx.stack.databases[s], sql))[0].n,
    ),
  );
}

function decidedTwice(ctx: FaultContext): number {
  return [...ctx.recorder.outcomes.values()].filter((o) => o.eventIds.size > 1).length;
}
