import { EVENT_TYPES, type EventEnvelope } from '#contracts';
import { counter } from '#observability';

const hireDecisions = counter({
  name: 'employment_hire_decisions_total',
  help: 'Hire requests decided, by outcome (hired, rejected) and rejection reason.',
  labelNames: ['outcome', 'reason'] as const,
});

/** Counts the decision an outcome event carries and returns the event. */
export function countedHireDecision<E extends EventEnvelope<unknown>>(outcome: E): E {
  const hired = outcome.type === EVENT_TYPES.employeeHired;
  const reason = hired ? '' : String((outcome.data as { reason?: unknown }).reason ?? '');
  hireDecisions.inc({ outcome: hired ? 'hired' : 'rejected', reason });
  return outcome;
}
