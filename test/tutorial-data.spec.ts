import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '#devstack';
import { SCENARIO_1, TUTORIAL_COMPANIES, TUTORIAL_PEOPLE } from '../scripts/tutorial-data.js';

/**
 * The demo's data against the seed tutorial's own code. The tutorial sits in ../shared/seed/ beside
 * the repository where the team works and in CI; test/fixtures/tutorial-excerpt.txt keeps its lines
 * for clones without it, and is itself checked against the tutorial when the tutorial is there.
 */
const TUTORIAL = join(repoRoot(), '..', 'shared', 'seed', '000_817c6996f4e956ff.txt');
const EXCERPT = join(repoRoot(), 'test', 'fixtures', 'tutorial-excerpt.txt');
const tutorialText = readFileSync(existsSync(TUTORIAL) ? TUTORIAL : EXCERPT, 'utf8');

/** The string arguments of every `Class('a', "b", ...)` call in the text, in order. */
function constructed(className: string, text: string): string[][] {
  const calls = text.matchAll(new RegExp(`= ${className}\\(([^)]*)\\)`, 'g'));
  return [...calls].map(([, args]) =>
    [...args.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2]),
  );
}

describe('the demo data (scripts/tutorial-data.ts)', () => {
  it("has the tutorial's companies, in its order, as written", () => {
    expect(constructed('Company', tutorialText)).toEqual(
      TUTORIAL_COMPANIES.map((c) => [c.name, c.address, c.country]),
    );
  });

  it("has the tutorial's people, in its order, as written", () => {
    expect(constructed('Person', tutorialText)).toEqual(
      TUTORIAL_PEOPLE.map((p) => [p.fullName, p.address, p.country]),
    );
  });

  it("has the tutorial's Scenario 1: person 2 at company 1 with card id 1", () => {
    expect(tutorialText).toContain(
      `# get person with id=${SCENARIO_1.personTutorialId} and company with id=${SCENARIO_1.companyTutorialId}`,
    );
    expect(tutorialText).toMatch(new RegExp(`employee = Employee\\(${SCENARIO_1.cardId},`));
    expect(TUTORIAL_PEOPLE[SCENARIO_1.personTutorialId - 1].fullName).toBe('Kelly Jetson');
    expect(TUTORIAL_COMPANIES[SCENARIO_1.companyTutorialId - 1].name).toBe('IBM');
  });

  // Without the tutorial there is nothing to compare the excerpt with: skipped, not passed.
  (existsSync(TUTORIAL) ? it : it.skip)(
    'keeps an excerpt whose every line is in the tutorial',
    () => {
      const excerpt = readFileSync(EXCERPT, 'utf8').split('\n').filter(Boolean);
      expect(excerpt.length).toBeGreaterThanOrEqual(9);
      const lines = new Set(tutorialText.split('\n'));
      expect(excerpt.filter((line) => !lines.has(line))).toEqual([]);
    },
  );
});
