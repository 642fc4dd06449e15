import { createHash, randomUUID } from 'node:crypto';
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
export const EVENT_HEADERS = {
  type: 'event-type',
  id: 'event-id',
  correlationId: 'correlation-id',
} as const;

export const EventEnvelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1).max(100),
  version: z.literal(1),
  aggregateId: z.uuid(),
  occurredAt: z.iso.datetime(),
  correlationId: z.string().max(200).nullable(),
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

/** A stable UUID (version 8, from SHA-256) for something that has no id of its own, e.g. a rejected request. */
export function uuidFromText(text: string): string {
  const h = createHash('sha256').update(text).digest();
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
