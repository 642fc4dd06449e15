import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DependencyUnavailableError, RpcFailure } from '#core';
import { HiringService } from '../src/hiring/hiring.service.js';
import { hiringBench, type HiringBench } from './employment-medium.js';

describe(`${HiringService.name} (HTTP hires, real PostgreSQL, fake parties)`, () => {
  let bench: HiringBench;
  const context = (extra: { idempotencyKey?: string } = {}) => ({
    correlationId: `corr-${randomUUID()}`,
    ...extra,
  });
  const employees = async (companyId: string) =>
    bench.db.dataSource.query(
      'SELECT person_id, card_id FROM employees WHERE company_id = $1 ORDER BY card_id',
      [companyId],
    );

  beforeAll(async () => {
    bench = await hiringBench();
  });
  afterAll(async () => bench?.db.drop());

  it('hires known parties: the employee, its row and one employee.hired event with the correlation id', async () => {
    const hire = { ...bench.knownParties(), cardId: 7 };
    const ctx = context();
    const employee = await bench.hiring.hire(hire, ctx);
    expect(employee).toMatchObject({ ...hire, endedAt: null });
    expect(await employees(hire.companyId)).toEqual([{ person_id: hire.personId, card_id: 7 }]);
    const events = (await bench.events()).filter((e) => e.aggregateId === employee.id);
    expect(events).toMatchObject([
      { type: 'employee.hired', correlationId: ctx.correlationId, data: employee },
    ]);
  });

  it('answers 422 for an unknown or deleted party and 409 for a taken card or a second employment', async () => {
    const { personId, companyId } = bench.knownParties();
    await bench.hiring.hire({ personId, companyId, cardId: 1 }, context());
    const other = bench.knownParties();
    const deleted = bench.knownParties();
    await bench.db.dataSource.query(
      `INSERT INTO deleted_parties (id, kind, deleted_at) VALUES ($1, 'person', now())`,
      [deleted.personId],
    );
    const attempts = [
      { personId: randomUUID(), companyId, cardId: 2 },
      { personId, companyId: randomUUID(), cardId: 2 },
      { personId: deleted.personId, companyId, cardId: 2 },
      { personId: other.personId, companyId, cardId: 1 },
      { personId, companyId, cardId: 3 },
    ];
    const results = await Promise.allSettled(attempts.map((h) => bench.hiring.hire(h, context())));
    expect(results.map((r) => r.status === 'rejected' && (r.reason as RpcFailure).error)).toEqual([
      expect.objectContaining({ status: 422, code: 'PERSON_NOT_FOUND' }),
      expect.objectContaining({ status: 422, code: 'COMPANY_NOT_FOUND' }),
      expect.objectContaining({ status: 422, code: 'PERSON_NOT_FOUND' }),
      expect.objectContaining({ status: 409, code: 'CARD_ID_TAKEN' }),
      expect.objectContaining({ status: 409, code: 'ALREADY_EMPLOYED' }),
    ]);
    expect(await employees(companyId)).toEqual([{ person_id: personId, card_id: 1 }]);
  });

  it('writes a group of hires in one transaction of five round trips, after one look-up of repeats', async () => {
    const dataSource = bench.db.dataSource;
    const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
    const runners: string[][] = [];
    dataSource.createQueryRunner = (...args) => {
      const runner = createQueryRunner(...args);
      const query = runner.query.bind(runner);
      const sent: string[] = [];
      runners.push(sent);
      runner.query = ((sql: string, ...rest: unknown[]) => {
        sent.push(sql.trim().split(/\s+/)[0]);
        return (query as (...a: unknown[]) => unknown)(sql, ...rest);
      }) as typeof runner.query;
      return runner;
    };
    try {
      const { companyId } = bench.knownParties();
      const hires = Array.from({ length: 10 }, (_, cardId) => {
        const personId = randomUUID();
        bench.parties.people.add(personId);
        const key = { idempotencyKey: `group-${randomUUID()}` };
        return bench.hiring.hire({ personId, companyId, cardId }, context(key));
      });
      expect(await Promise.all(hires)).toHaveLength(10);
    } finally {
      dataSource.createQueryRunner = createQueryRunner;
    }
    // the repeats' look-up; begin, locks, readHireGroup, writes, commit
    expect(runners).toEqual([['SELECT'], ['START', 'SELECT', 'SELECT', 'WITH', 'COMMIT']]);
  });

  it('gives exactly one employee for 20 concurrent hires of the same card', async () => {
    const { companyId } = bench.knownParties();
    const hires = Array.from({ length: 20 }, () => {
      const personId = randomUUID();
      bench.parties.people.add(personId);
      return bench.hiring.hire({ personId, companyId, cardId: 42 }, context());
    });
    const results = await Promise.allSettled(hires);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await employees(companyId)).toHaveLength(1);
  });

  it('hires once per Idempotency-Key: a repeat gets the first employee, another body 422', async () => {
    const hire = { ...bench.knownParties(), cardId: 5 };
    const key = context({ idempotencyKey: `key-${randomUUID()}` });
    const [first, concurrent] = await Promise.all([
      bench.hiring.hire(hire, key),
      bench.hiring.hire(hire, key),
    ]);
    const later = await bench.hiring.hire(hire, key);
    expect(concurrent).toEqual(first);
    expect(later).toEqual(first);
    await expect(bench.hiring.hire({ ...hire, cardId: 6 }, key)).rejects.toMatchObject({
      error: { status: 422, code: 'IDEMPOTENCY_KEY_REUSED' },
    });
    expect(await employees(hire.companyId)).toHaveLength(1);
    const hired = (await bench.events()).filter((e) => e.aggregateId === first.id);
    expect(hired).toHaveLength(1);
  });

  it('answers 503 and writes nothing while a party service cannot be asked', async () => {
    const hire = { ...bench.knownParties(), cardId: 9 };
    bench.parties.down = true;
    try {
      await expect(bench.hiring.hire(hire, context())).rejects.toBeInstanceOf(
        DependencyUnavailableError,
      );
    } finally {
      bench.parties.down = false;
    }
    expect(await employees(hire.companyId)).toEqual([]);
  });
});
