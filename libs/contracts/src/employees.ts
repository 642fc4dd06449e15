import { z } from 'zod';
import { CardIdSchema, IdSchema, PagingSchema } from './fields.js';
import type { Company } from './companies.js';
import type { Person } from './people.js';

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

export interface Employee {
  id: string;
  personId: string;
  companyId: string;
  cardId: number;
  createdAt: string;
  endedAt: string | null;
}

export type EmployeeWithPerson = Employee & { person: Person | null };
export type EmployeeWithCompany = Employee & { company: Company | null };
