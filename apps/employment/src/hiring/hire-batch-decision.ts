import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Hire } from '#contracts';
import { EmployeeEntity } from '../employee/employee.entity.js';
import type { HireDecision } from './hire-decision.js';
import { counted } from './hire-metrics.js';
import { alreadyEmployed, cardTaken, missingParty } from './hire-rejections.js';
import type { KnownParties } from './party-verifier.js';

/** An active employment that stands in the way of a hire: its card, or its person at its company. */
export interface ActiveEmployment {
  personId: string;
  companyId: string;
  cardId: number;
}

/** What a group of hires reads once its parties are locked (lockParties). */
export interface HireGroupReads {
  /** The group's people and companies known here to be deleted. */
  deleted: Set<string>;
  /** The active employments holding one of the hires' cards at its company, or its person there. */
  active: ActiveEmployment[];
}

/**
 * Everything deciding a group of hires reads, in one query: the deleted parties among them and the
 * rows the unique indexes would check. Its own statement after the locks, so that its snapshot
 * includes what a deletion committed while the group waited for them. The two checks are two
 * selects joined by UNION, each an index scan of its unique index per hire: written as one
 * `WHERE a IN (...) OR b IN (...)` PostgreSQL filtered every active employee (2.3 ms at 6,000
 * employees, growing with the table; 0.2 ms this way, whatever its size).
 */
export async function readHireGroup(
  manager: EntityManager,
  hires: Hire[],
): Promise<HireGroupReads> {
  if (hires.length === 0) return { deleted: new Set(), active: [] };
  const rows: Array<{
    deleted_id: string | null;
    person_id: string;
    company_id: string;
    card_id: number;
  }> = await manager.query(
    `SELECT id AS deleted_id, NULL::uuid AS person_id, NULL::uuid AS company_id, NULL::int AS card_id
     FROM deleted_parties WHERE id = ANY($3::uuid[] || $1::uuid[])
     UNION ALL
     SELECT NULL, person_id, company_id, card_id FROM employees
     WHERE ended_at IS NULL AND (company_id, card_id) IN (SELECT * FROM unnest($1::uuid[], $2::int[]))
     UNION
     SELECT NULL, person_id, company_id, card_id FROM employees
     WHERE ended_at IS NULL AND (person_id, company_id) IN (SELECT * FROM unnest($3::uuid[], $1::uuid[]))`,
    [hires.map((h) => h.companyId), hires.map((h) => h.cardId), hires.map((h) => h.personId)],
  );
  const deleted = new Set<string>();
  const active: ActiveEmployment[] = [];
  for (const r of rows) {
    if (r.deleted_id !== null) deleted.add(r.deleted_id);
    else active.push({ personId: r.person_id, companyId: r.company_id, cardId: r.card_id });
  }
  return { deleted, active };
}

/**
 * Decides a batch of hires in order, exactly as inserting them one at a time would: unknown or
 * deleted parties first, then the active card of the company, then the person already employed
 * there; each hire made counts against those after it.
 */
export function decideHires(
  hires: Hire[],
  known: KnownParties,
  deleted: Set<string>,
  active: ActiveEmployment[],
  now = new Date(),
): HireDecision[] {
  const cards = new Set(active.map((a) => `${a.companyId}/${a.cardId}`));
  const employed = new Set(active.map((a) => `${a.personId}/${a.companyId}`));
  const decisions = hires.map((hire): HireDecision => {
    const missing = missingParty(hire, known, deleted);
    if (missing) return missing;
    const card = `${hire.companyId}/${hire.cardId}`;
    if (cards.has(card)) return cardTaken(hire);
    const employment = `${hire.personId}/${hire.companyId}`;
    if (employed.has(employment)) return alreadyEmployed(hire);
    cards.add(card);
    employed.add(employment);
    const hired = Object.assign(new EmployeeEntity(), {
      ...hire,
      id: randomUUID(),
      createdAt: now,
      endedAt: null,
    });
    return { hired };
  });
  return counted(decisions);
}
