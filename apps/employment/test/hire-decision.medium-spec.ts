import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { EntityManager } from 'typeorm';
import type { Hire } from '#contracts';
import { migratedTestDatabase, type MigratedDatabase } from '#testing';
import { lockParties } from '../src/consistency/party-locks.js';
import { employmentDataSourceOptions } from '../src/database/employment-data-source.options.js';
import { insertEmployees } from '../src/employee/employee.entity.js';
import { decideHires, readHireGroup } from '../src/hiring/hire-batch-decision.js';
import { decideHire, type HireDecision } from '../src/hiring/hire-decision.js';

/** A party as the hires meet it: known to its service, unknown, or known but deleted here. */
const PARTY_STATES = ['known', 'unknown', 'deleted'] as const;
const PEOPLE = 4;
const COMPANIES = 3;
const CARDS = 3;

const slot = (size: number) => fc.integer({ min: 0, max: size - 1 });
const employment = fc.record({ person: slot(PEOPLE), company: slot(COMPANIES), card: slot(CARDS) });

/** Small pools, so generated hires collide: same person twice, same card twice, already employed. */
const scenario = fc.record({
  people: fc.array(fc.constantFrom(...PARTY_STATES), { minLength: PEOPLE, maxLength: PEOPLE }),
  companies: fc.array(fc.constantFrom(...PARTY_STATES), {
    minLength: COMPANIES,
    maxLength: COMPANIES,
  }),
  active: fc.array(employment, { maxLength: 5 }),
  ended: fc.array(employment, { maxLength: 3 }),
  hires: fc.array(employment, { minLength: 1, maxLength: 12 }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

const summary = (d: HireDecision) =>
  'hired' in d ? `hired ${d.hired.personId}@${d.hired.companyId}#${d.hired.cardId}` : d.rejected;

describe('decideHires (a batch in memory) equals decideHire (one at a time, unique indexes)', () => {
  let db: MigratedDatabase;

  beforeAll(async () => {
    db = await migratedTestDatabase('employment', (url) => employmentDataSourceOptions(url, 2));
  });
  afterAll(async () => db?.drop());

  /** Sets the scenario up in `manager`'s transaction; returns its hires and what the verifier knows. */
  async function setUp(manager: EntityManager, s: Scenario) {
    const people = s.people.map(() => randomUUID());
    const companies = s.companies.map(() => randomUUID());
    const hireOf = (e: { person: number; company: number; card: number }): Hire => ({
      personId: people[e.person],
      companyId: companies[e.company],
      cardId: e.card,
    });
    const deleted = [
      ...people.filter((_, i) => s.people[i] === 'deleted'),
      ...companies.filter((_, i) => s.companies[i] === 'deleted'),
    ];
    await manager.query(
      `INSERT INTO deleted_parties (id, kind, deleted_at) SELECT id, 'party', now() FROM unnest($1::uuid[]) AS id`,
      [deleted],
    );
    for (const [rows, endedAt] of [
      [s.active, null],
      [s.ended, new Date()],
    ] as const) {
      for (const e of rows) {
        await manager.query(
          `INSERT INTO employees (id, card_id, person_id, company_id, created_at, ended_at)
           VALUES ($1, $2, $3, $4, now(), $5) ON CONFLICT DO NOTHING`,
          [randomUUID(), e.card, people[e.person], companies[e.company], endedAt],
        );
      }
    }
    const known = {
      people: new Set(people.filter((_, i) => s.people[i] !== 'unknown')),
      companies: new Set(companies.filter((_, i) => s.companies[i] !== 'unknown')),
    };
    return { hires: s.hires.map(hireOf), known };
  }

  /** Decides the scenario's hires both ways in one transaction that is rolled back. */
  async function decideBothWays(s: Scenario) {
    const runner = db.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      const manager = runner.manager;
      const { hires, known } = await setUp(manager, s);
      await lockParties(
        manager,
        hires.flatMap((h) => [h.personId, h.companyId]),
        'shared',
      );
      const { deleted, active } = await readHireGroup(manager, hires);
      const batch = decideHires(hires, known, deleted, active);
      await manager.query('SAVEPOINT batch');
      await insertEmployees(
        manager,
        batch.flatMap((d) => ('hired' in d ? [d.hired] : [])),
      );
      await manager.query('ROLLBACK TO SAVEPOINT batch');
      const oneByOne: HireDecision[] = [];
      for (const hire of hires) oneByOne.push(await decideHire(manager, hire, known, deleted));
      return { batch: batch.map(summary), oneByOne: oneByOne.map(summary) };
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it('for generated sets of conflicting hires', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { batch, oneByOne } = await decideBothWays(s);
        expect(batch).toEqual(oneByOne);
      }),
      { numRuns: 75 },
    );
  });

  it("reads a group's conflicts through the unique indexes, not by filtering every active employee", async () => {
    const runner = db.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      const manager = runner.manager;
      const companies = Array.from({ length: 20 }, () => randomUUID());
      await manager.query(
        `INSERT INTO employees (id, card_id, person_id, company_id, created_at)
         SELECT gen_random_uuid(), i, gen_random_uuid(), ($1::uuid[])[1 + i % 20], now()
         FROM generate_series(1, 3000) AS i`,
        [companies],
      );
      await manager.query('ANALYZE employees');
      const hires: Hire[] = [
        { personId: randomUUID(), companyId: companies[0], cardId: 20 },
        { personId: randomUUID(), companyId: companies[1], cardId: 999_999 },
      ];
      let sql = '';
      let params: unknown[] = [];
      const recorder = {
        query: async (q: string, p: unknown[]) => {
          [sql, params] = [q, p];
          return [];
        },
      } as unknown as EntityManager;
      await readHireGroup(recorder, hires);
      const [{ 'QUERY PLAN': plan }] = await manager.query(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
        params,
      );
      expect(employeeRowsVisited(plan[0].Plan)).toBeLessThan(20);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});

interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** Rows of `employees` a plan read: the ones its scans returned and the ones they filtered out. */
function employeeRowsVisited(node: PlanNode): number {
  const own =
    node['Relation Name'] === 'employees'
      ? ((node['Actual Rows'] ?? 0) +
          (node['Rows Removed by Filter'] ?? 0) +
          (node['Rows Removed by Index Recheck'] ?? 0)) *
        (node['Actual Loops'] ?? 1)
      : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + employeeRowsVisited(child), 0);
}
