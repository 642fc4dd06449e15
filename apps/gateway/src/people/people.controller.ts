import {
  CreatePersonSchema,
  PersonSchema,
  ListPeopleQuerySchema,
  PEOPLE_PATTERNS,
  UpdatePersonSchema,
} from '#contracts';
import { CrudRoutes } from '../crud/crud-routes.factory.js';
import { PAGES } from '../openapi/components.js';

/** /people, served by the people service. */
export class PeopleController extends CrudRoutes({
  path: 'people',
  noun: 'person',
  names: { one: 'Person', many: 'People' },
  patterns: PEOPLE_PATTERNS,
  createSchema: CreatePersonSchema,
  updateSchema: UpdatePersonSchema,
  listSchema: ListPeopleQuerySchema,
  itemSchema: PersonSchema,
  pageSchema: PAGES.people,
  conflicts: ['EMAIL_TAKEN'],
}) {}
