import { z } from 'zod';
import { CompanySchema, type Company } from '../companies.js';
import { EmployeeSchema, type Employee } from '../employees.js';
import { pageSchema } from '../fields.js';
import { HIRE_REJECTION_REASONS, type HireRejection } from '../hire-requests.js';
import { PersonSchema, type Person } from '../people.js';

/** The aggregates as the HTTP answers carry them (one definition for OpenAPI and AsyncAPI). */
export { CompanySchema, EmployeeSchema, PersonSchema, pageSchema };

/*
 * What the services send back (replies and event data). The TypeScript interfaces stay the types the
 * code uses; each schema here is checked against its interface at compile time (see `Same` below).
 */

/** employee.hired data: the employee, with the requestId when the hire came from a hire request. */
export const HiredEmployeeSchema = EmployeeSchema.extend({ requestId: z.string().optional() });

export const HireRejectionSchema = z.object({
  requestId: z.string(),
  personId: z.unknown().describe('as the request had it (null when missing)'),
  companyId: z.unknown().describe('as the request had it (null when missing)'),
  cardId: z.unknown().describe('as the request had it (null when missing)'),
  reason: z.enum(HIRE_REJECTION_REASONS),
  detail: z.string(),
});

/** Compile-time proof that two types are the same (each assignable to the other). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const proofs: [
  Same<z.infer<typeof PersonSchema>, Person>,
  Same<z.infer<typeof CompanySchema>, Company>,
  Same<z.infer<typeof EmployeeSchema>, Employee>,
  Same<z.infer<typeof HireRejectionSchema>, HireRejection>,
] = [true, true, true, true];
void proofs;
