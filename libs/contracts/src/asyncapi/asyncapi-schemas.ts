import { z } from 'zod';
import {
  CreateCompanySchema,
  ListCompaniesQuerySchema,
  UpdateCompanyRequestSchema,
} from '../companies.js';
import { HireSchema, ListEmployeesQuerySchema } from '../employees.js';
import { EventEnvelopeSchema } from '../envelope.js';
import { IdParamSchema, IdsRequestSchema } from '../fields.js';
import { HireRequestSchema } from '../hire-requests.js';
import { CreatePersonSchema, ListPeopleQuerySchema, UpdatePersonRequestSchema } from '../people.js';
import { RpcReplySchema } from '../message-limits.js';
import {
  CompanySchema,
  EmployeeSchema,
  HireRejectionSchema,
  HiredEmployeeSchema,
  PersonSchema,
  pageSchema,
} from './resource-schemas.js';

/** Every schema the AsyncAPI document names, by its id under components.schemas. */
export const ASYNCAPI_SCHEMAS = {
  IdParam: IdParamSchema,
  IdsRequest: IdsRequestSchema,
  CreatePerson: CreatePersonSchema,
  UpdatePersonRequest: UpdatePersonRequestSchema,
  ListPeopleQuery: ListPeopleQuerySchema,
  CreateCompany: CreateCompanySchema,
  UpdateCompanyRequest: UpdateCompanyRequestSchema,
  ListCompaniesQuery: ListCompaniesQuerySchema,
  Hire: HireSchema,
  ListEmployeesQuery: ListEmployeesQuerySchema,
  HireRequest: HireRequestSchema,
  Person: PersonSchema,
  Company: CompanySchema,
  Employee: EmployeeSchema,
  HiredEmployee: HiredEmployeeSchema,
  HireRejection: HireRejectionSchema,
  People: z.array(PersonSchema),
  Companies: z.array(CompanySchema),
  PersonPage: pageSchema(PersonSchema),
  CompanyPage: pageSchema(CompanySchema),
  EmployeePage: pageSchema(EmployeeSchema),
  RpcReply: RpcReplySchema,
  EventEnvelope: EventEnvelopeSchema,
} as const;

export type SchemaId = keyof typeof ASYNCAPI_SCHEMAS;

/** A `$ref` to one of ASYNCAPI_SCHEMAS. */
export const schemaRef = (id: SchemaId) => ({ $ref: `#/components/schemas/${id}` });

/**
 * ASYNCAPI_SCHEMAS as JSON Schema (draft-07, what AsyncAPI's default schema format accepts), with
 * references between them pointing into components.schemas. Requests are described as a sender
 * may write them (zod's input side: defaults optional, query strings coerced).
 */
export function componentSchemas(): Record<string, object> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(ASYNCAPI_SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-07',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _ignored, id: _id, ...schema }]) => [id, schema]),
  );
}
