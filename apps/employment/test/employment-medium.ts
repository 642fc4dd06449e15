import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '#contracts';
import { OutboxWriter } from '#outbox';
import { migratedTestDatabase, type MigratedDatabase } from '#testing';
import { employmentDataSourceOptions } from '../src/database/employment-data-source.options.js';
import { HireRequestProcessor } from '../src/hiring/hire-request.processor.js';
import { HiringService } from '../src/hiring/hiring.service.js';
import { FakePartyRequester } from './fake-party-requester.js';

/** The employment service's hiring classes on a throw-away database, the other services faked. */
export interface HiringBench {
  db: MigratedDatabase;
  parties: FakePartyRequester;
  hiring: HiringService;
  processor: HireRequestProcessor;
  /** A person and a company the fake knows. */
  knownParties(): { personId: string; companyId: string };
  /** The outbox's events in the order they were appended. */
  events(): Promise<Array<EventEnvelope<Record<string, unknown>>>>;
}

/** Builds a HiringBench; call `db.drop()` after the file's tests. */
export async function hiringBench(): Promise<HiringBench> {
  const db = await migratedTestDatabase('employment', (url) => employmentDataSourceOptions(url, 4));
  const parties = new FakePartyRequester();
  const outbox = new OutboxWriter();
  return {
    db,
    parties,
    hiring: new HiringService(db.dataSource, outbox, parties.verifier()),
    processor: new HireRequestProcessor(db.dataSource, outbox, parties.verifier()),
    knownParties() {
      const ids = { personId: randomUUID(), companyId: randomUUID() };
      parties.people.add(ids.personId);
      parties.companies.add(ids.companyId);
      return ids;
    },
    async events() {
      const rows: Array<{ payload: string }> = await db.dataSource.query(
        'SELECT payload FROM outbox ORDER BY id',
      );
      return rows.map((r) => JSON.parse(r.payload));
    },
  };
}
