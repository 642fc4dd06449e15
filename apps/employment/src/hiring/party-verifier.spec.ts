import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { KafkaRequester, RequestOptions } from '#messaging';
import { PartyVerifier } from './party-verifier.js';

/** A requester that answers find-by-ids with the ids it knows, and records each request. */
function fakeRequester(existing: Set<string>) {
  const requests: Array<{ pattern: string; ids: string[]; options: RequestOptions }> = [];
  const requester = {
    request: async (pattern: string, payload: { ids: string[] }, options: RequestOptions) => {
      requests.push({ pattern, ids: payload.ids, options });
      return payload.ids.filter((id) => existing.has(id)).map((id) => ({ id }));
    },
  } as unknown as KafkaRequester;
  return { requester, requests };
}

describe(PartyVerifier.name, () => {
  it('asks each service once for the questions of one tick, and tells each caller its own answer', async () => {
    const [p1, p2, c1] = [randomUUID(), randomUUID(), randomUUID()];
    const { requester, requests } = fakeRequester(new Set([p1, c1]));
    const verifier = new PartyVerifier(requester);
    const [first, second] = await Promise.all([
      verifier.verify([p1], [c1], { deadline: 1000 }),
      verifier.verify([p2], [c1], { deadline: 2000 }),
    ]);
    expect(first).toEqual({ people: new Set([p1]), companies: new Set([c1]) });
    expect(second).toEqual({ people: new Set(), companies: new Set([c1]) });
    expect(requests.map((r) => [r.pattern, r.ids.length, r.options.deadline])).toEqual([
      ['people.find-by-ids', 2, 2000],
      ['companies.find-by-ids', 1, 2000],
    ]);
  });

  it('splits more ids than one request may carry into several requests', async () => {
    const ids = Array.from({ length: 2500 }, () => randomUUID());
    const { requester, requests } = fakeRequester(new Set(ids.slice(0, 10)));
    const known = await new PartyVerifier(requester).verify(ids, []);
    expect(known.people.size).toBe(10);
    expect(requests.map((r) => r.ids.length)).toEqual([1000, 1000, 500]);
  });

  it('asks when prefetch is told, and the verify that comes later uses that answer instead of asking again', async () => {
    const [p1, c1] = [randomUUID(), randomUUID()];
    const { requester, requests } = fakeRequester(new Set([p1, c1]));
    const verifier = new PartyVerifier(requester);
    verifier.prefetch([p1], [c1]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(requests.map((r) => r.pattern)).toEqual(['people.find-by-ids', 'companies.find-by-ids']);
    const known = await verifier.verify([p1], [c1]);
    expect(known).toEqual({ people: new Set([p1]), companies: new Set([c1]) });
    expect(requests).toHaveLength(2);
    await verifier.verify([p1], [c1]); // an answer asked ahead serves one verify only
    expect(requests).toHaveLength(4);
  });

  it('asks again when the answer asked ahead failed', async () => {
    const p1 = randomUUID();
    const { requester, requests } = fakeRequester(new Set([p1]));
    const answer = requester.request.bind(requester);
    let failures = 1;
    requester.request = (async (...args: Parameters<KafkaRequester['request']>) => {
      if (failures-- > 0) throw new Error('people cannot be asked');
      return answer(...args);
    }) as KafkaRequester['request'];
    const verifier = new PartyVerifier(requester);
    verifier.prefetch([p1], []);
    const known = await verifier.verify([p1], []);
    expect(known.people).toEqual(new Set([p1]));
    expect(requests).toHaveLength(1); // the failed one never reached the fake's record
  });
});
