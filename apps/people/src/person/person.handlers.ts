import {
  CreatePersonSchema,
  ListPeopleQuerySchema,
  PEOPLE_PATTERNS,
  UpdatePersonSchema,
} from '#contracts';
import { CrudHandlers } from '#persistence';
import { PersonService } from './person.service.js';

/** Request/reply handlers of `people.*` patterns. */
export class PersonHandlers extends CrudHandlers({
  patterns: PEOPLE_PATTERNS,
  createSchema: CreatePersonSchema,
  updateSchema: UpdatePersonSchema,
  listSchema: ListPeopleQuerySchema,
  service: PersonService,
}) {}
