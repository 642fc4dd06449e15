import type { HireRejectionReason } from '#contracts';
import type { EmployeeEntity } from '../employee/employee.entity.js';

/** What one hire came to: the employee inserted, or why it was refused. */
export type HireDecision =
  | { hired: EmployeeEntity }
  | { rejected: Exclude<HireRejectionReason, 'INVALID_REQUEST'>; detail: string };

export type RejectedHire = Exclude<HireDecision, { hired: unknown }>;
