import { randomUUID } from 'node:crypto';
import type pg from 'pg';

/** A hire request as the contract's JSON carries it. */
export interface HireRequest {
  requestId: string;
  personId: string;
  companyId: string;
  cardId: number;
}

/** An outcome written to the outbox, ready to publish. */
export interface RawOutcome {
  eventId: string;
  key: string;
  payload: string;
}

/**
 * Decides a batch (both parties known, no active employment or card in the way) and writes it in one
 * transaction: one multi-row INSERT of the employees (the partial unique indexes settle conflicts:
 * a row that was not inserted is a rejection), one multi-row INSERT of the outcomes into the outbox.
 */
export async function recordHires(
  client: pg.PoolClient,
  requests: HireRequest[],
  people: Set<string>,
  companies: Set<string>,
): Promise<RawOutcome[]> {
  const candidates = requests
    .filter((r) => people.has(r.personId) && companies.has(r.companyId))
    .map((r) => ({ ...r, employeeId: randomUUID() }));
  await client.query('BEGIN');
  try {
    const { rows } = await client.query(
      `INSERT INTO employees (id, person_id, company_id, card_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[])
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        candidates.map((c) => c.employeeId),
        candidates.map((c) => c.personId),
        candidates.map((c) => c.companyId),
        candidates.map((c) => c.cardId),
      ],
    );
    const hired = new Set(rows.map((r) => r.id as string));
    const employeeOf = new Map(candidates.map((c) => [c.requestId, c.employeeId]));
    const outcomes = requests.map((r) => {
      const employeeId = employeeOf.get(r.requestId);
      const ok = employeeId !== undefined && hired.has(employeeId);
      const event = {
        id: randomUUID(),
        type: ok ? 'employee.hired' : 'employee.hire-rejected',
        correlationId: r.requestId,
        occurredAt: new Date().toISOString(),
        data: ok ? { id: employeeId, ...r } : { ...r, reason: 'party unknown or taken' },
      };
      return {
        eventId: event.id,
        key: r.personId,
        payload: JSON.stringify(event),
        type: event.type,
      };
    });
    await client.query(
      `INSERT INTO outbox (event_id, topic, message_key, event_type, correlation_id, payload)
       SELECT e, 'employment.events', k, t, c, p
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(e, k, t, c, p)`,
      [
        outcomes.map((o) => o.eventId),
        outcomes.map((o) => o.key),
        outcomes.map((o) => o.type),
        requests.map((r) => r.requestId),
        outcomes.map((o) => o.payload),
      ],
    );
    await client.query('COMMIT');
    return outcomes.map(({ eventId, key, payload }) => ({ eventId, key, payload }));
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
