import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { COMPANIES_PATTERNS, EMPLOYMENT_PATTERNS, PEOPLE_PATTERNS, allTopics } from '#contracts';
import { COMPANIES_ROUTES } from '../apps/companies/src/companies.routes.js';
import { EMPLOYMENT_ROUTES } from '../apps/employment/src/employment.routes.js';
import { PEOPLE_ROUTES } from '../apps/people/src/people.routes.js';

const root = join(import.meta.dirname, '..');

/** The source files of the apps and libs, but the contracts and the specs. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.includes('spec.ts') ? [path] : [];
  });
}

describe('every topic is routed where grep finds it', () => {
  it.each([
    ['people', PEOPLE_ROUTES, PEOPLE_PATTERNS],
    ['companies', COMPANIES_ROUTES, COMPANIES_PATTERNS],
    ['employment', EMPLOYMENT_ROUTES, EMPLOYMENT_PATTERNS],
  ] as const)(
    'the %s route table answers exactly its contract patterns',
    (_app, routes, patterns) => {
      expect([...routes.requests!.topics].sort()).toEqual(Object.values(patterns).sort());
    },
  );

  it('each topic of the contracts is named literally where it is routed, read or written', () => {
    // scripts/: the parking topics are written by `npm run ops` only.
    const files = ['apps', 'libs', 'scripts']
      .flatMap((dir) => sourceFiles(join(root, dir)))
      .filter((path) => !relative(root, path).startsWith('libs/contracts'))
      .map((path) => readFileSync(path, 'utf8'));
    const unnamed = allTopics()
      .map(({ topic }) => topic)
      .filter((topic) => !files.some((text) => text.includes(`'${topic}'`)));
    expect(unnamed).toEqual([]);
  });

  it('the event routes read the hire requests and the parties’ events, with their dead-letter topics', () => {
    const routes = EMPLOYMENT_ROUTES.events!.map((r) => [r.topics, r.group, r.deadLetterTopic]);
    expect(routes).toEqual([
      [['employment.hire-requests'], 'employment.hire-requests', 'employment.hire-requests.dlq'],
      [
        ['people.events', 'companies.events'],
        'employment.party-deletions',
        'employment.party-events.dlq',
      ],
    ]);
  });
});
