import { z } from 'zod';
import { CardIdSchema, IdSchema, withoutNul } from './fields.js';

/** A usable requestId: what separates a rejection (INVALID_REQUEST) from a DLQ message. */
export const RequestIdSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((id) => id.trim().length > 0, { error: 'must not be blank' })
  .refine(withoutNul, { error: 'must not contain U+0000' });

/** The value of a message on `employment.hire-requests`; unknown fields are ignored (other services may add some). */
export const HireRequestSchema = z.object({
  requestId: RequestIdSchema,
  personId: IdSchema,
  companyId: IdSchema,
  cardId: CardIdSchema,
});
export type HireRequest = z.infer<typeof HireRequestSchema>;

export const HIRE_REJECTION_REASONS = [
  'PERSON_NOT_FOUND',
  'COMPANY_NOT_FOUND',
  'CARD_ID_TAKEN',
  'ALREADY_EMPLOYED',
  'INVALID_REQUEST',
] as const;
export type HireRejectionReason = (typeof HIRE_REJECTION_REASONS)[number];

/** Data of an `employee.hire-rejected` event. */
export interface HireRejection {
  requestId: string;
  personId: unknown;
  companyId: unknown;
  cardId: unknown;
  reason: HireRejectionReason;
  detail: string;
}
