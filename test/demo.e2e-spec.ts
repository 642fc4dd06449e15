import { describe, expect, it } from '@jest/globals';
import { EVENT_TOPICS } from '#contracts';
import { runNode } from '#testing';
import { TUTORIAL_COMPANIES, TUTORIAL_PEOPLE } from '../scripts/tutorial-data.js';
import { gatewayFixture } from './fixtures/gateway-fixture.js';

describe('demo (npm run demo)', () => {
  const { gw } = gatewayFixture([EVENT_TOPICS.employment]);

  it('replays the tutorial story with its own data against the running system (npm run demo)', async () => {
    const { stdout } = await runNode('dist/scripts/demo.js', { GATEWAY_URL: gw() });
    const uuid = '[0-9a-f-]{36}';
    const mapped = (kind: string, n: number, name: string) =>
      new RegExp(`${kind} +id=${n} -> (${uuid})  ${name}\\n`).exec(stdout)?.[1];
    const companyIds = TUTORIAL_COMPANIES.map((c, i) => mapped('company', i + 1, c.name));
    const personIds = TUTORIAL_PEOPLE.map((p, i) => mapped('person', i + 1, p.fullName));
    expect([...companyIds, ...personIds].every(Boolean)).toBe(true);

    expect(stdout).toContain('Scenario 1: get person with id=2 and company with id=1');
    expect(stdout).toMatch(new RegExp(`POST /employees \\(card id 1\\) -> 201 employee ${uuid}`));
    expect(stdout).toMatch(new RegExp(`employee\\.hired: employee ${uuid}, card id 2`));
    expect(stdout).toMatch(/employee\.hire-rejected: PERSON_NOT_FOUND/);
    expect(stdout).toMatch(/the same over HTTP -> 422 PERSON_NOT_FOUND/);

    // The tables: one row per record this run made, with the tutorial's values as written.
    const tables = stdout.slice(stdout.indexOf('\npeople\n'));
    const row = (...cells: Array<string | number | undefined>) =>
      new RegExp(`^ ${cells.map((c) => `${c} +`).join('\\| ')}`, 'm');
    TUTORIAL_PEOPLE.forEach((p, i) => {
      expect(tables).toMatch(row(personIds[i], p.fullName, p.address, p.country));
    });
    TUTORIAL_COMPANIES.forEach((c, i) => {
      expect(tables).toMatch(row(companyIds[i], c.name, c.address, c.country));
    });
    expect(tables).toMatch(row(uuid, 1, personIds[1], companyIds[0]));
    expect(tables).toMatch(row(uuid, 2, personIds[2], companyIds[1]));
    expect(tables.match(/^\(\d+ rows?\)$/gm)).toEqual([
      '(3 rows)',
      '(3 rows)',
      '(2 rows)',
      '(2 rows)',
    ]);
    // It ends with who works where, by name (the tutorial's query across the three tables).
    const byName = stdout.slice(stdout.indexOf('7. Who works where, by name'));
    expect(byName).toMatch(/^ {3}Kelly Jetson, IBM, card 1$/m);
    expect(byName).toMatch(/^ {3}Deniss Kirkman, Apple, card 2$/m);
    expect(stdout).toContain('Demo finished.');
  });
});
