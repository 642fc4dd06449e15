import { randomUUID } from 'node:crypto';
import { benchHttp } from './bench-http.js';
import { pool } from './load-loops.js';

/** People and companies the runs use: made through the gateway, as any client would. */
export interface SeedData {
  people: any[];
  /** Companies for the Kafka hire requests: request i hires person i % P at company floor(i / P). */
  hireCompanies: any[];
  /** Companies for POST /employees, used the same way from a counter of their own. */
  postCompanies: any[];
}

/** POST with an Idempotency-Key, sent again on a 503 (a busy machine), as the contract allows. */
async function create(gateway: string, path: string, body: unknown): Promise<any> {
  const key = randomUUID();
  for (let attempt = 1; ; attempt++) {
    const res = await benchHttp('POST', `${gateway}${path}`, body, { 'idempotency-key': key });
    if (res.status === 201) return res.body;
    if (res.status !== 503 || attempt === 5) {
      throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
}

/** Creates `people` people and enough companies for `hires` Kafka hires and `posts` HTTP hires. */
export async function seedData(
  gateway: string,
  run: string,
  people: number,
  hires: number,
  posts: number,
): Promise<SeedData> {
  const madePeople = await pool(people, 16, (i) =>
    create(gateway, '/people', { fullName: `Bench ${run} ${i}`, country: 'NL' }),
  );
  const companies = await pool(Math.ceil(hires / people) + Math.ceil(posts / people), 16, (i) =>
    create(gateway, '/companies', { name: `Bench ${run} Co ${i}` }),
  );
  const split = Math.ceil(hires / people);
  return {
    people: madePeople,
    hireCompanies: companies.slice(0, split),
    postCompanies: companies.slice(split),
  };
}

/** The i-th distinct, valid hire over `companies` (cardIds from `cardBase` up, never reused). */
export function nthHire(seed: SeedData, companies: any[], i: number, cardBase: number) {
  const p = seed.people.length;
  return {
    personId: seed.people[i % p].id,
    companyId: companies[Math.floor(i / p) % companies.length].id,
    cardId: cardBase + i,
  };
}
