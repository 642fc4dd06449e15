import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { prepareVerifiedPipelineDatabase } from '../../scripts/bench/bare-http-schema.js';
import { recordHires } from '../../scripts/bench/raw-hire-decisions.js';
import {
  createScratchDatabase,
  dropScratchDatabases,
} from '../../scripts/bench/scratch-database.js';

/** The verifying raw pipeline decides as the product does, so its ratio measures overhead only. */
describe('recordHires (the verifying raw hire pipeline)', () => {
  const person = { id: randomUUID(), fullName: 'Ada', country: 'NL' };
  const other = { id: randomUUID(), fullName: 'Bob', country: 'NL' };
  const company = { id: randomUUID(), name: 'Acme' };
  let url: string;
  let pool: pg.Pool;

  beforeAll(async () => {
    url = await createScratchDatabase('test');
    await prepareVerifiedPipelineDatabase(url, [person, other], [company]);
    pool = new pg.Pool({ connectionString: url, max: 1 });
  });
  afterAll(async () => {
    await pool.end();
    await dropScratchDatabases(url);
  });

  it('hires known parties, rejects unknown and conflicting ones, one outbox row per request', async () => {
    const hire = (requestId: string, personId: string, cardId: number) => ({
      requestId,
      personId,
      companyId: company.id,
      cardId,
    });
    const requests = [
      hire('ok', person.id, 1),
      hire('unknown-person', randomUUID(), 2),
      hire('same-pair', person.id, 3),
      hire('card-taken', other.id, 1),
    ];
    const client = await pool.connect();
    const outcomes = await recordHires(
      client,
      requests,
      new Set([person.id, other.id]),
      new Set(), // the companies' responder found none of them: nothing may be hired
    ).finally(() => client.release());
    expect(outcomes.map((o) => JSON.parse(o.payload).type)).toEqual(
      Array(4).fill('employee.hire-rejected'),
    );

    const client2 = await pool.connect();
    const second = requests.map((r) => ({ ...r, requestId: `${r.requestId}-2` }));
    const decided = await recordHires(
      client2,
      second,
      new Set([person.id, other.id]),
      new Set([company.id]),
    ).finally(() => client2.release());
    const byRequest = Object.fromEntries(
      decided.map((o) => [JSON.parse(o.payload).correlationId, JSON.parse(o.payload).type]),
    );
    expect(byRequest).toEqual({
      'ok-2': 'employee.hired',
      'unknown-person-2': 'employee.hire-rejected',
      'same-pair-2': 'employee.hire-rejected',
      'card-taken-2': 'employee.hire-rejected',
    });
    const employees = await pool.query('SELECT person_id, card_id FROM employees');
    expect(employees.rows).toEqual([{ person_id: person.id, card_id: 1 }]);
    const outbox = await pool.query('SELECT correlation_id FROM outbox ORDER BY id');
    expect(outbox.rows.map((r) => r.correlation_id)).toEqual([
      ...requests.map((r) => r.requestId),
      ...second.map((r) => r.requestId),
    ]);
  });
});
