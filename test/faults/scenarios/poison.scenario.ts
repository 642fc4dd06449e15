import { EVENT_TOPICS } from '#contracts';
import type { FaultScenario } from '../fault-context.js';
import { checkHires } from '../hire-invariants.js';
import { plannedHires, seedParties } from '../hire-load.js';
import { pollUntil } from '../poll-until.js';
import { emptyResult } from '../scenario-result.js';

/** Garbage the contract sends to the DLQ (no usable requestId) or rejects (a requestId, bad fields). */
function garbage(
  marker: string,
  kind: number,
): { value: string; expect: 'dlq' | 'rejected' | 'either'; requestId?: string } {
  const requestId = `poison-${marker}`;
  switch (kind % 9) {
    case 0:
      return { value: `not json ${marker} {`, expect: 'dlq' };
    case 1:
      return { value: JSON.stringify([marker, 1, null]), expect: 'dlq' };
    case 2:
      return { value: JSON.stringify({ personId: marker, cardId: 1 }), expect: 'dlq' };
    case 3:
      return { value: JSON.stringify({ requestId: 12345, marker }), expect: 'dlq' };
    case 4:
      return {
        value: JSON.stringify({ requestId, personId: 42, companyId: [marker], cardId: 'seven' }),
        expect: 'rejected',
        requestId,
      };
    case 5:
      return {
        value: JSON.stringify({
          requestId,
          personId: 'x'.repeat(60_000),
          companyId: marker,
          cardId: 1,
        }),
        expect: 'rejected',
        requestId,
      };
    case 6:
      return {
        value: JSON.stringify({ requestId, personId: marker, companyId: marker, cardId: 1e308 }),
        expect: 'rejected',
        requestId,
      };
    case 7:
      // PostgreSQL text cannot hold U+0000: not a usable requestId
      return {
        value: JSON.stringify({ requestId: `${requestId}\u0000`, personId: marker, cardId: 1 }),
        expect: 'dlq',
      };
    default:
      return {
        value: JSON.stringify({ requestId: `${marker}-${'r'.repeat(300)}`, cardId: 1 }),
        expect: 'either',
        requestId: `${marker}-${'r'.repeat(300)}`,
      };
  }
}

/** Delay a good message behind garbage may have over the usual one. */
const MAX_EXTRA_DELAY_MS = 1_000;

/**
 * A paced stream of hire requests, 1% of it garbage of every kind, each garbage message followed on
 * the same key (partition) by good ones: garbage handled exactly once, the good ones not held up.
 */
export const poisonScenario: FaultScenario = {
  name: 'poison (1% garbage)',
  async run(ctx) {
    const result = emptyResult(this.name);
    const tag = `poison-${ctx.run}`;
    const parties = await seedParties(ctx.stack, tag, 500, Math.ceil(ctx.profile.poison / 500) + 1);
    const requests = plannedHires(tag, ctx.profile.poison, parties);
    const sentAt = new Map<string, number>();
    const behindGarbage = new Set<string>();
    const bad: ReturnType<typeof garbage>[] = [];
    const perTick = 10;
    for (let i = 0; i < requests.length; i += perTick) {
      const slice = requests.slice(i, i + perTick);
      const key = `${tag}-${(i / perTick) % 6}`;
      const messages = slice.map((r) => ({ key, value: JSON.stringify(r) }));
      if ((i / perTick) % 10 === 0) {
        // 1 in 100 messages: one garbage message first, the good ones of this tick behind it
        const g = garbage(`${tag}-g${bad.length}`, bad.length);
        bad.push(g);
        messages.unshift({ key, value: g.value });
        slice.slice(0, 3).forEach((r) => behindGarbage.add(r.requestId));
      }
      await ctx.producer.send({ topic: EVENT_TOPICS.hireRequests, messages });
      const now = Date.now();
      slice.forEach((r) => sentAt.set(r.requestId, now));
      await new Promise((resolve) => setTimeout(resolve, 100)); // pacing: ~100 requests/s
    }
    result.sent = requests.length + bad.length;
    await checkHires(ctx, requests, result, sentAt.get(requests.at(-1)!.requestId));

    // A message behind garbage against the good ones sent around the same time on other partitions.
    const latency = (id: string) =>
      (ctx.recorder.outcome(id)?.firstAt ?? Infinity) - sentAt.get(id)!;
    const extraDelay = (id: string) => {
      const peers = requests
        .filter(
          (r) =>
            !behindGarbage.has(r.requestId) &&
            Math.abs(sentAt.get(r.requestId)! - sentAt.get(id)!) <= 500,
        )
        .map((r) => latency(r.requestId))
        .sort((a, b) => a - b);
      return latency(id) - (peers[Math.floor(peers.length / 2)] ?? 0);
    };
    const worst = Math.max(...[...behindGarbage].map(extraDelay));
    const median = requests.map((r) => latency(r.requestId)).sort((a, b) => a - b)[
      Math.floor(requests.length / 2)
    ];
    result.notes.push(`median latency ${median} ms; worst extra delay behind garbage ${worst} ms`);
    if (worst > MAX_EXTRA_DELAY_MS)
      result.violations.push(`a good message behind garbage was ${worst} ms later than its peers`);

    const handled = (g: ReturnType<typeof garbage>) => {
      const dlq = ctx.recorder.dlq.get(g.value) ?? 0;
      const rejected = g.requestId ? (ctx.recorder.outcome(g.requestId)?.eventIds.size ?? 0) : 0;
      return { dlq, rejected };
    };
    await pollUntil(() => bad.every((g) => handled(g).dlq + handled(g).rejected >= 1), 30_000, 200);
    for (const g of bad) {
      const { dlq, rejected } = handled(g);
      const ok =
        (g.expect === 'dlq' && dlq === 1 && rejected === 0) ||
        (g.expect === 'rejected' && dlq === 0 && rejected === 1) ||
        (g.expect === 'either' && dlq + rejected === 1);
      if (dlq + rejected === 0) result.stuck++;
      else {
        result.outcomes++;
        if (dlq + rejected > 1) result.duplicated++;
      }
      if (!ok)
        result.violations.push(
          `garbage "${g.value.slice(0, 60)}": ${dlq} on the DLQ, ${rejected} rejections (expected ${g.expect} once)`,
        );
    }
    return result;
  },
};
