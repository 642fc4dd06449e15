import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DependencyUnavailableError } from '#core';
import { MergeHireRequests1796083200001 } from '../src/database/migrations/1796083200001-merge-hire-requests.js';
import { HireRequestProcessor } from '../src/hiring/hire-request.processor.js';
import type { IncomingHireRequest } from '../src/hiring/hire-request.parser.js';
import { hiringBench, type HiringBench } from './employment-medium.js';

describe(`${HireRequestProcessor.name} (Kafka hire requests, real PostgreSQL, fake parties)`, () => {
  let bench: HiringBench;
  const outcomesOf = async (requestIds: string[]) =>
    (await bench.events()).filter((e) => requestIds.includes(e.correlationId ?? ''));
  const request = (r: IncomingHireRequest) => r;

  beforeAll(async () => {
    bench = await hiringBench();
  });
  afterAll(async () => bench?.db.drop());

  it('answers each request message with exactly one outcome event, in order; repeats get the same event again', async () => {
    const a = bench.knownParties();
    const b = bench.knownParties();
    const ids = ['r1', 'r2', 'r3', 'r4'].map((r) => `${r}-${randomUUID()}`);
    await bench.processor.process([
      request({ requestId: ids[0], hire: { ...a, cardId: 1 } }),
      request({ requestId: ids[1], hire: { ...b, personId: a.personId, cardId: 1 } }),
      request({ requestId: ids[0], hire: { ...a, cardId: 1 } }),
      request({ requestId: ids[2], hire: { ...a, cardId: 2 } }),
      request({ requestId: ids[3], invalid: { raw: { cardId: 'x' }, detail: 'cardId: bad' } }),
    ]);
    const first = await outcomesOf(ids);
    expect(first.map((e) => [e.correlationId, e.type, e.data.reason])).toEqual([
      [ids[0], 'employee.hired', undefined],
      [ids[1], 'employee.hired', undefined],
      [ids[2], 'employee.hire-rejected', 'ALREADY_EMPLOYED'],
      [ids[3], 'employee.hire-rejected', 'INVALID_REQUEST'],
      [ids[0], 'employee.hired', undefined],
    ]);
    expect(first[4].id).toBe(first[0].id);

    await bench.processor.process([request({ requestId: ids[2], hire: { ...b, cardId: 9 } })]);
    const again = await outcomesOf([ids[2]]);
    expect(again).toHaveLength(2);
    expect(again[1]).toEqual(again[0]);
    const [{ n }] = await bench.db.dataSource.query(
      'SELECT count(*)::int AS n FROM employees WHERE person_id = $1',
      [a.personId],
    );
    expect(n).toBe(2);
  });

  it('records requestIds for good in the one duplicate-request store', async () => {
    const requestId = `kept-${randomUUID()}`;
    await bench.processor.process([{ requestId, hire: { ...bench.knownParties(), cardId: 3 } }]);
    const rows = await bench.db.dataSource.query(
      `SELECT expires_at FROM idempotency_keys WHERE scope = 'hire-request' AND key = $1`,
      [requestId],
    );
    expect(rows).toEqual([{ expires_at: null }]);
  });

  it('throws while a party service cannot be asked, writing nothing; the retry decides', async () => {
    const requestId = `down-${randomUUID()}`;
    const batch = [{ requestId, hire: { ...bench.knownParties(), cardId: 4 } }];
    bench.parties.down = true;
    try {
      await expect(bench.processor.process(batch)).rejects.toBeInstanceOf(
        DependencyUnavailableError,
      );
    } finally {
      bench.parties.down = false;
    }
    expect(await outcomesOf([requestId])).toEqual([]);
    await bench.processor.process(batch);
    expect((await outcomesOf([requestId])).map((e) => e.type)).toEqual(['employee.hired']);
  });

  it('answers a requestId recorded in the old hire_requests table after the migration', async () => {
    const requestId = `legacy "quoted" é ${randomUUID()}`;
    const outcome = {
      id: randomUUID(),
      type: 'employee.hire-rejected',
      version: 1,
      aggregateId: randomUUID(),
      occurredAt: new Date().toISOString(),
      correlationId: requestId,
      data: { requestId, reason: 'CARD_ID_TAKEN' },
    };
    const runner = bench.db.dataSource.createQueryRunner();
    try {
      await new MergeHireRequests1796083200001().down(runner);
      await runner.query(
        'INSERT INTO hire_requests (request_id, event_id, outcome) VALUES ($1, $2, $3)',
        [requestId, outcome.id, JSON.stringify(outcome)],
      );
      await new MergeHireRequests1796083200001().up(runner);
    } finally {
      await runner.release();
    }
    await bench.processor.process([{ requestId, hire: { ...bench.knownParties(), cardId: 5 } }]);
    expect(await outcomesOf([requestId])).toEqual([outcome]);
  });
});
