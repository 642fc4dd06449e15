import { describe, expect, it } from '@jest/globals';
import { partitionLag } from './consumer-lag.js';
import { repeatsWaiting } from './hire-invariants.js';
import { matchHires, type AskedHire, type EmployeeRow } from './hire-matching.js';
import { answerProblems, type JudgedCall } from './http-answers.js';
import { outageWriteProblems } from './outage-writes.js';
import { parseResultsTable, resultsTable } from './results-table.js';
import { emptyResult } from './scenario-result.js';

/** The fault suite's checks fed with bad data: each must fail on what it exists to catch. */
describe('the fault suite invariants', () => {
  describe(answerProblems.name, () => {
    const routes = ['POST /people', 'GET /people/:id'];
    const bounds = { routes, expected4xx: { 'POST /people': [409] }, steadyGateways: ['g1'] };
    const ok: JudgedCall[] = [
      { route: 'POST /people', status: 201, gateway: 'g1' },
      { route: 'GET /people/:id', status: 200, gateway: 'g1' },
    ];

    it('passes a run where every route succeeded', () => {
      expect(answerProblems([...ok, { route: 'POST /people', status: 503 }], bounds)).toEqual([]);
    });

    it('fails a run where every call was 401, 429 or 503', () => {
      const refused: JudgedCall[] = [401, 429, 503].flatMap((status) =>
        routes.map((route) => ({ route, status, gateway: 'g1' })),
      );
      expect(answerProblems(refused, bounds)).toEqual([
        'POST /people: no success in 3 calls',
        'GET /people/:id: no success in 3 calls',
        '2 answers 401',
        '2 answers 429',
      ]);
    });

    it('fails an unexpected 4xx, but not one the route may answer', () => {
      const calls: JudgedCall[] = [
        ...ok,
        { route: 'POST /people', status: 409 },
        { route: 'GET /people/:id', status: 404 },
      ];
      expect(answerProblems(calls, bounds)).toEqual(['1 answers 404 to GET /people/:id']);
      expect(answerProblems(calls, { ...bounds, expected4xx: 'any' })).toEqual([]);
      expect(
        answerProblems([...ok, { route: 'POST /people', status: 401 }], {
          ...bounds,
          expected4xx: 'any',
        }),
      ).toEqual(['1 answers 401']);
    });

    it('fails a connection dropped by a gateway nobody stopped', () => {
      const calls: JudgedCall[] = [
        ...ok,
        { route: 'POST /people', status: 'connection', gateway: 'g2' }, // g2 was stopped
        { route: 'POST /people', status: 'connection', gateway: 'g1' },
      ];
      expect(answerProblems(calls, bounds)).toEqual([
        '1 connections dropped by a gateway that was neither stopped nor started meanwhile',
      ]);
    });
  });

  describe(matchHires.name, () => {
    const row = (id: string, card: number, ended: string | null = null): EmployeeRow => ({
      id,
      person_id: `p${card}`,
      company_id: 'c',
      card_id: card,
      ended_at: ended,
    });
    const hire = (card: number, hiredId?: string, hiredCard = card): AskedHire => ({
      name: `r${card}`,
      personId: `p${card}`,
      companyId: 'c',
      cardId: card,
      hired: hiredId
        ? { id: hiredId, personId: `p${hiredCard}`, companyId: 'c', cardId: hiredCard }
        : undefined,
    });

    it('matches each hire to its row', () => {
      expect(matchHires([hire(1, 'e1'), hire(2, 'e2')], [row('e1', 1), row('e2', 2)])).toEqual({
        withoutRow: [],
        different: [],
        extraRows: [],
      });
    });

    it('counts a missing row and an extra row both, instead of cancelling them out', () => {
      expect(matchHires([hire(1, 'e1'), hire(2, 'e2')], [row('e1', 1), row('x', 2)])).toEqual({
        withoutRow: ['r2'],
        different: [],
        extraRows: ['x'],
      });
    });

    it('fails an ended row, a row claimed twice, and another card than asked', () => {
      expect(
        matchHires([hire(1, 'e1'), hire(2, 'e1'), hire(3, 'e3', 4)], [row('e1', 1), row('e3', 4)])
          .withoutRow,
      ).toEqual(['r2']);
      expect(matchHires([hire(1, 'e1')], [row('e1', 1, '2026-01-01')]).withoutRow).toEqual(['r1']);
      expect(matchHires([hire(3, 'e3', 4)], [row('e3', 4)]).different).toEqual(['r3']);
    });

    it('lets a hire whose event is missing account for its row, not for another', () => {
      expect(matchHires([hire(1)], [row('e1', 1), row('e9', 9)]).extraRows).toEqual(['e9']);
    });
  });

  describe(repeatsWaiting.name, () => {
    it('waits for a request sent twice until its second outcome arrived', () => {
      const outcomes = new Map([
        ['a', { deliveries: 2 }],
        ['b', { deliveries: 1 }],
      ]);
      expect(repeatsWaiting(outcomes, ['a', 'b', 'c'])).toEqual(['b', 'c']);
    });
  });

  describe(partitionLag.name, () => {
    it('counts a partition without a committed offset as full lag', () => {
      expect(partitionLag({ committed: -1, low: 0, high: 40 })).toBe(40);
      expect(partitionLag({ committed: -1, low: 10, high: 40 })).toBe(30);
      expect(partitionLag({ committed: 25, low: 0, high: 40 })).toBe(15);
      expect(partitionLag({ committed: 40, low: 0, high: 40 })).toBe(0);
    });
  });

  describe(outageWriteProblems.name, () => {
    const call = (at: number, status: number, ms = 10) => ({
      route: 'POST /employees' as const,
      at,
      status,
      ms,
    });

    it('passes an outage that refused writes', () => {
      expect(outageWriteProblems([call(900, 201), call(1500, 503)], [950], 1000, 9000)).toEqual([]);
    });

    it('fails an outage during which writes went on (or no write was tried)', () => {
      expect(outageWriteProblems([call(1500, 201)], [5000], 1000, 9000)).toEqual([
        'no POST /employees refused with 503 during the outage (1 sent: 201)',
        '1 POST /employees answered 201 during the outage',
        '1 hire requests decided during the outage',
      ]);
      expect(outageWriteProblems([], [], 1000, 9000)[0]).toMatch(/none\)$/);
    });
  });

  describe(parseResultsTable.name, () => {
    it('reads back each scenario and its result, and nothing from output without a table', () => {
      const failed = emptyResult('kill');
      failed.violations.push('lost one');
      const output = `log line\n${resultsTable([emptyResult('poison'), failed])}\n\nsummary`;
      expect(parseResultsTable(output)).toEqual([
        { scenario: 'poison', result: 'pass' },
        { scenario: 'kill', result: 'FAIL' },
      ]);
      expect(parseResultsTable('crashed before the table')).toEqual([]);
    });
  });
});
