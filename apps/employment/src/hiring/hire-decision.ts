import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Hire, HireRejectionReason } from '#contracts';
import { uniqueViolation } from '#persistence';
import { EMPLOYEE_CONSTRAINTS, EmployeeEntity } from '../employee/employee.entity.js';
import type { KnownParties } from './party-verifier.js';

export type HireDecision =
  | { hired: EmployeeEntity }
  | { rejected: Exclude<HireRejectionReason, 'INVALID_REQUEST'>; detail: string };

/**
 * Decides one hire inside the caller's transaction: rejects unknown or deleted parties, and lets the
 * database's unique indexes settle card-id and double-employment races (under a savepoint, so the
 * transaction goes on).
 */
export async function decideHire(
  manager: EntityManager,
  hire: Hire,
  known: KnownParties,
  deleted: Set<string>,
): Promise<HireDecision> {
  if (!known.people.has(hire.personId) || deleted.has(hire.personId)) {
    return { rejected: 'PERSON_NOT_FOUND', detail: `person ${hire.personId} does not exist` };
  }
  if (!known.companies.has(hire.companyId) || deleted.has(hire.companyId)) {
    return { rejected: 'COMPANY_NOT_FOUND', detail: `company ${hire.companyId} does not exist` };
  }
  const employee = Object.assign(new EmployeeEntity(), {
    ...hire,
    id: randomUUID(),
    createdAt: new Date(),
    endedAt: null,
  });
  await manager.query('SAVEPOINT hire');
  try {
    await manager.insert(EmployeeEntity, employee);
    await manager.query('RELEASE SAVEPOINT hire');
    return { hired: employee };
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint === undefined) throw error;
    await manager.query('ROLLBACK TO SAVEPOINT hire');
    return constraint === EMPLOYEE_CONSTRAINTS.activeCard
      ? {
          rejected: 'CARD_ID_TAKEN',
          detail: `card ${hire.cardId} is held by an active employee of company ${hire.companyId}`,
        }
      : {
          rejected: 'ALREADY_EMPLOYED',
          detail: `person ${hire.personId} is already employed by company ${hire.companyId}`,
        };
  }
}
