import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/** Event types of the public contract. */
export const EVENT_TYPES = {
  personCreated: 'person.created',
  personUpdated: 'person.updated',
  personDeleted: 'person.deleted',
  companyCreated: 'company.created',
  companyUpdated: 'company.updated',
  companyDeleted: 'company.deleted',
  employeeHired: 'employee.hired',
  employeeTerminated: 'employee.terminated',
  employeeHireRejected: 'employee.hire-rejected',
} as const;

export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

/** Kafka header names carried by every event. */
export const EVENT_HEADERS = { type: 'event-type', id: 'event-id', correlationId: 'correlation-id' } as const;

export const EventEnvelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.literal(1),
  aggregateId: z.uuid(),
  occurredAt: z.iso.datetime(),
  correlationId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export interface EventEnvelope<T = Record<string, unknown>> {
  id: string;
  type: EventType;
  version: 1;
  aggregateId: string;
  occurredAt: string;
  correlationId: string | null;
  data: T;
}

/** Builds a version-1 envelope with a fresh event id. */
export function createEnvelope<T>(
  type: EventType,
  aggregateId: string,
  data: T,
  correlationId: string | null = null,
): EventEnvelope<T> {
  return {
    id: randomUUID(),
    type,
    version: 1,
    aggregateId,
    occurredAt: new Date().toISOString(),
    correlationId,
    data,
  };
}
