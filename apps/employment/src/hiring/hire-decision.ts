import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Hire } from '#contracts';
import { uniqueViolation } from '#persistence';
import { EMPLOYEE_CONSTRAINTS, EmployeeEntity } from '../employee/employee.entity.js';
import type { HireDecision } from './hire-decision.types.js';
import { counted } from './hire-metrics.js';
import { alreadyEmployed, cardTaken, missingParty } from './hire-rejections.js';
import type { KnownParties } from './party-verifier.js';

export type { HireDecision } from './hire-decision.types.js';

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
  return counted(await decideOne(manager, hire, known, deleted));
}

async function decideOne(
  manager: EntityManager,
  hire: Hire,
  known: KnownParties,
  deleted: Set<string>,
): Promise<HireDecision> {
  const missing = missingParty(hire, known, deleted);
  if (missing) return missing;
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
    return constraint === EMPLOYEE_CONSTRAINTS.activeCard ? cardTaken(hire) : alreadyEmployed(hire);
  }
}
