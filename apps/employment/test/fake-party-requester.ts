import { COMPANIES_PATTERNS, PEOPLE_PATTERNS } from '#contracts';
import { DependencyUnavailableError } from '#core';
import type { KafkaRequester } from '#messaging';
import { PartyVerifier } from '../src/hiring/party-verifier.js';

/** Stands in for the people and companies services' find-by-ids: knows the ids it is told. */
export class FakePartyRequester {
  readonly people = new Set<string>();
  readonly companies = new Set<string>();
  /** While true, every request fails as an unreachable service does. */
  down = false;
  /** The find-by-ids requests asked so far. */
  requests = 0;

  async request<T>(pattern: string, { ids }: { ids: string[] }): Promise<T> {
    this.requests += 1;
    if (this.down) throw new DependencyUnavailableError(`${pattern} is down (fake)`);
    const known = pattern === PEOPLE_PATTERNS.findByIds ? this.people : this.companies;
    if (pattern !== PEOPLE_PATTERNS.findByIds && pattern !== COMPANIES_PATTERNS.findByIds) {
      throw new Error(`unexpected pattern ${pattern}`);
    }
    return ids.filter((id) => known.has(id)).map((id) => ({ id })) as T;
  }

  /** A PartyVerifier that asks this fake. */
  verifier(): PartyVerifier {
    return new PartyVerifier(this as unknown as KafkaRequester);
  }
}
