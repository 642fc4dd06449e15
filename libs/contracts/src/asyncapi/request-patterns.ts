import { KAFKA_ACLS } from '../acls.js';
import {
  COMPANIES_PATTERNS,
  EMPLOYMENT_PATTERNS,
  PEOPLE_PATTERNS,
  REPLY_TOPICS,
} from '../topics.js';
import type { SchemaId } from './asyncapi-schemas.js';

/** One request/reply pattern: its request payload, its reply data, and whether it writes. */
export interface PatternSpec {
  pattern: string;
  request: SchemaId;
  reply: SchemaId;
  writes: boolean;
  /** The service that answers it. */
  server: 'people' | 'companies' | 'employment';
}

function crud(
  server: 'people' | 'companies',
  patterns: typeof PEOPLE_PATTERNS | typeof COMPANIES_PATTERNS,
  ids: { create: SchemaId; update: SchemaId; list: SchemaId; one: SchemaId },
  many: SchemaId,
  page: SchemaId,
): PatternSpec[] {
  return [
    { pattern: patterns.create, request: ids.create, reply: ids.one, writes: true, server },
    { pattern: patterns.get, request: 'IdParam', reply: ids.one, writes: false, server },
    { pattern: patterns.findByIds, request: 'IdsRequest', reply: many, writes: false, server },
    { pattern: patterns.list, request: ids.list, reply: page, writes: false, server },
    { pattern: patterns.update, request: ids.update, reply: ids.one, writes: true, server },
    { pattern: patterns.delete, request: 'IdParam', reply: ids.one, writes: true, server },
  ];
}

/** Every request/reply pattern of the contract. */
export const REQUEST_PATTERNS: PatternSpec[] = [
  ...crud(
    'people',
    PEOPLE_PATTERNS,
    {
      create: 'CreatePerson',
      update: 'UpdatePersonRequest',
      list: 'ListPeopleQuery',
      one: 'Person',
    },
    'People',
    'PersonPage',
  ),
  ...crud(
    'companies',
    COMPANIES_PATTERNS,
    {
      create: 'CreateCompany',
      update: 'UpdateCompanyRequest',
      list: 'ListCompaniesQuery',
      one: 'Company',
    },
    'Companies',
    'CompanyPage',
  ),
  {
    pattern: EMPLOYMENT_PATTERNS.hire,
    request: 'Hire',
    reply: 'Employee',
    writes: true,
    server: 'employment',
  },
  {
    pattern: EMPLOYMENT_PATTERNS.get,
    request: 'IdParam',
    reply: 'Employee',
    writes: false,
    server: 'employment',
  },
  {
    pattern: EMPLOYMENT_PATTERNS.list,
    request: 'ListEmployeesQuery',
    reply: 'EmployeePage',
    writes: false,
    server: 'employment',
  },
  {
    pattern: EMPLOYMENT_PATTERNS.terminate,
    request: 'IdParam',
    reply: 'Employee',
    writes: true,
    server: 'employment',
  },
];

/** The reply topics a pattern's replies land on: those of the apps allowed to send its requests. */
export function replyTopicsOf(pattern: string): string[] {
  return Object.entries(REPLY_TOPICS)
    .filter(([app]) =>
      (KAFKA_ACLS[app as keyof typeof KAFKA_ACLS].writes as readonly string[]).includes(pattern),
    )
    .map(([, topic]) => topic);
}
