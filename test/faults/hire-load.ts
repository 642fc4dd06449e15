import type { Producer } from 'kafkajs';
import { EVENT_TOPICS } from '#contracts';
import { queryDatabase, type TestStack } from '#testing';

export interface HireRequest {
  requestId: string;
  personId: string;
  companyId: string;
  cardId: number;
}

export interface Parties {
  people: string[];
  companies: string[];
}

/**
 * Fixtures: people and companies inserted straight into the services' databases (fast, and without
 * events: the checks on events look at what the HTTP load made, not at these).
 */
export async function seedParties(
  stack: TestStack,
  tag: string,
  people: number,
  companies: number,
): Promise<Parties> {
  const insert = (url: string, table: string, column: string, count: number) =>
    queryDatabase<{ id: string }>(
      url,
      `INSERT INTO ${table} (id, ${column}, created_at, updated_at)
       SELECT gen_random_uuid(), $1 || g, now(), now() FROM generate_series(1, $2::int) g RETURNING id`,
      [`Fault ${tag} `, count],
    );
  const [p, c] = await Promise.all([
    insert(stack.databases.people, 'people', 'full_name', people),
    insert(stack.databases.companies, 'companies', 'name', companies),
  ]);
  return { people: p.map((r) => r.id), companies: c.map((r) => r.id) };
}

/**
 * `count` valid hire requests that cannot conflict: request i hires person p = i mod P at company
 * (p + pass) mod C, where pass = floor(i / P), with card id i; so every one must end in employee.hired.
 */
export function plannedHires(tag: string, count: number, parties: Parties): HireRequest[] {
  const p = parties.people.length;
  const c = parties.companies.length;
  if (count > p * c) throw new Error(`${count} hires need more than ${p} people x ${c} companies`);
  return Array.from({ length: count }, (_, i) => ({
    requestId: `${tag}-${i}`,
    personId: parties.people[i % p],
    companyId: parties.companies[((i % p) + Math.floor(i / p)) % c],
    cardId: i,
  }));
}

/** Produces hire requests in chunks, keyed by `key` (default: the personId, as the contract suggests). */
export async function sendHires(
  producer: Producer,
  requests: readonly HireRequest[],
  key: (r: HireRequest, i: number) => string = (r) => r.personId,
  chunk = 500,
): Promise<void> {
  for (let i = 0; i < requests.length; i += chunk) {
    await producer.send({
      topic: EVENT_TOPICS.hireRequests,
      messages: requests
        .slice(i, i + chunk)
        .map((r, j) => ({ key: key(r, i + j), value: JSON.stringify(r) })),
    });
  }
}

/** Sends hire requests at a steady pace in the background until stopped; resolves with what was sent. */
export function hireStream(
  producer: Producer,
  requests: readonly HireRequest[],
  perSecond: number,
): { stop(): Promise<HireRequest[]>; finish(): Promise<HireRequest[]>; sent(): number } {
  let sent = 0;
  let stopped = false;
  const tickMs = 100;
  const perTick = Math.max(1, Math.round((perSecond * tickMs) / 1000));
  const loop = (async () => {
    while (!stopped && sent < requests.length) {
      const next = requests.slice(sent, sent + perTick);
      try {
        await sendHires(producer, next);
        sent += next.length;
      } catch {
        // broker away: the producer's own retries failed; try the same slice again on the next tick
      }
      await new Promise((resolve) => setTimeout(resolve, tickMs));
    }
  })();
  return {
    sent: () => sent,
    finish: async () => {
      await loop;
      return requests.slice(0, sent);
    },
    stop: async () => {
      stopped = true;
      await loop;
      return requests.slice(0, sent);
    },
  };
}
