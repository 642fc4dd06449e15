import { z } from 'zod';
import { CardIdSchema, IdSchema, PagingSchema, TimestampSchema } from './fields.js';
import { CompanySchema } from './companies.js';
import { PersonSchema } from './people.js';

export const HireSchema = z.strictObject({
  personId: IdSchema,
  companyId: IdSchema,
  cardId: CardIdSchema,
});
export type Hire = z.infer<typeof HireSchema>;

/** `true`/`false` from a query string, or a boolean already parsed by the gateway. */
const booleanQuery = z.union([
  z.boolean(),
  z.enum(['true', 'false']).transform((v) => v === 'true'),
]);

export const ListEmployeesQuerySchema = PagingSchema.extend({
  personId: IdSchema.optional(),
  companyId: IdSchema.optional(),
  active: booleanQuery.optional(),
});
export type ListEmployeesQuery = z.infer<typeof ListEmployeesQuerySchema>;

/** An employment; `endedAt` is null while it is active. */
export const EmployeeSchema = z.strictObject({
  id: IdSchema,
  personId: IdSchema,
  companyId: IdSchema,
  cardId: CardIdSchema,
  createdAt: TimestampSchema,
  endedAt: TimestampSchema.nullable(),
});
export type Employee = z.infer<typeof EmployeeSchema>;

/** An employment with its person embedded (null if the person was since deleted). */
export const EmployeeWithPersonSchema = EmployeeSchema.extend({
  person: PersonSchema.nullable(),
});
export type EmployeeWithPerson = z.infer<typeof EmployeeWithPersonSchema>;

/** An employment with its company embedded (null if the company was since deleted). */
export const EmployeeWithCompanySchema = EmployeeSchema.extend({
  company: CompanySchema.nullable(),
});
export type EmployeeWithCompany = z.infer<typeof EmployeeWithCompanySchema>;
