import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import { COMPANIES_PATTERNS, EMPLOYMENT_PATTERNS, PEOPLE_PATTERNS } from '#contracts';
import { CompanyHandlers } from '../apps/companies/src/company/company.handlers.js';
import { EmploymentHandlers } from '../apps/employment/src/employment.handlers.js';
import { PersonHandlers } from '../apps/people/src/person/person.handlers.js';

/** The patterns a handler class answers, read from its @MessagePattern decorators. */
function patternsOf(handlers: { prototype: object }): string[] {
  const prototype = handlers.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap(
    (name) => (Reflect.getMetadata(PATTERN_METADATA, prototype[name] as object) as string[]) ?? [],
  );
}

// Handlers name their topics literally (grep `people.get` to land on its handler); this keeps
// those literals and the contract's pattern list the same.
describe('request/reply handlers', () => {
  it.each([
    ['people', PersonHandlers, PEOPLE_PATTERNS],
    ['companies', CompanyHandlers, COMPANIES_PATTERNS],
    ['employment', EmploymentHandlers, EMPLOYMENT_PATTERNS],
  ] as const)('of %s answer exactly the contract patterns', (_service, handlers, patterns) => {
    expect(patternsOf(handlers).sort()).toEqual(Object.values(patterns).sort());
  });
});
