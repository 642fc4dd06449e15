import { counter } from '#observability';
import type { HireDecision } from './hire-decision.types.js';

const hireDecisions = counter({
  name: 'employment_hire_decisions_total',
  help: 'Hires decided (HTTP and hire requests), by outcome (hired, rejected) and rejection reason.',
  labelNames: ['outcome', 'reason'] as const,
});

/** Counts decisions by outcome and returns them. */
export function counted<D extends HireDecision | HireDecision[]>(decisions: D): D {
  for (const decision of Array.isArray(decisions) ? decisions : [decisions]) {
    if ('hired' in decision) hireDecisions.inc({ outcome: 'hired', reason: '' });
    else hireDecisions.inc({ outcome: 'rejected', reason: decision.rejected });
  }
  return decisions;
}
