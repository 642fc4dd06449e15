import { z } from 'zod';
import type { Company } from '../companies.js';
import type { Employee } from '../employees.js';
import { HIRE_REJECTION_REASONS, type HireRejection } from '../hire-requests.js';
import type { Person } from '../people.js';

/*
 * What the services send back (replies and event data). The TypeScript interfaces stay the types the
 * code uses; each schema here is checked against its interface at compile time (see `Same` below).
 */

const timestamp = z.iso.datetime({ offset: true });

export const PersonSchema = z.object({
  id: z.uuid(),
  fullName: z.string(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  country: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const CompanySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  address: z.string().nullable(),
  country: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const EmployeeSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  companyId: z.uuid(),
  cardId: z.int(),
  createdAt: timestamp,
  endedAt: timestamp.nullable(),
});

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

/** A page of a list reply. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.int(), limit: z.int(), offset: z.int() });

/** Compile-time proof that two types are the same (each assignable to the other). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const proofs: [
  Same<z.infer<typeof PersonSchema>, Person>,
  Same<z.infer<typeof CompanySchema>, Company>,
  Same<z.infer<typeof EmployeeSchema>, Employee>,
  Same<z.infer<typeof HireRejectionSchema>, HireRejection>,
] = [true, true, true, true];
void proofs;
