import {
  CreatePersonSchema,
  ListPeopleQuerySchema,
  PEOPLE_PATTERNS,
  UpdatePersonSchema,
} from '#contracts';
import { CrudRoutes } from '../crud/crud-routes.factory.js';

/** /people, served by the people service. */
export class PeopleController extends CrudRoutes({
  path: 'people',
  noun: 'person',
  patterns: PEOPLE_PATTERNS,
  createSchema: CreatePersonSchema,
  updateSchema: UpdatePersonSchema,
  listSchema: ListPeopleQuerySchema,
}) {}
