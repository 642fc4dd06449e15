import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { z } from 'zod';
import { EVENT_TYPES, EventEnvelopeSchema, createEnvelope, uuidFromText } from './envelope.js';

const aggregateId = '7d3f1c2a-1b2c-4d5e-8f90-a1b2c3d4e5f6';

describe(createEnvelope.name, () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('builds a version-1 envelope that matches EventEnvelopeSchema', () => {
    jest.useFakeTimers({ now: new Date('2024-11-24T12:34:56.789Z') });
    const envelope = createEnvelope(
      EVENT_TYPES.personCreated,
      aggregateId,
      { fullName: 'Ada' },
      'corr-1',
    );
    expect(envelope).toEqual({
      id: expect.any(String),
      type: 'person.created',
      version: 1,
      aggregateId,
      occurredAt: '2024-11-24T12:34:56.789Z',
      correlationId: 'corr-1',
      data: { fullName: 'Ada' },
    });
    expect(EventEnvelopeSchema.safeParse(envelope).success).toBe(true);
  });

  it('gives every envelope a fresh UUID and defaults correlationId to null', () => {
    const a = createEnvelope(EVENT_TYPES.companyDeleted, aggregateId, {});
    const b = createEnvelope(EVENT_TYPES.companyDeleted, aggregateId, {});
    expect(z.uuid().safeParse(a.id).success).toBe(true);
    expect(a.id).not.toBe(b.id);
    expect(a.correlationId).toBeNull();
  });
});

describe(uuidFromText.name, () => {
  it('is stable for the same text and differs for different text', () => {
    expect(uuidFromText('req-1')).toBe(uuidFromText('req-1'));
    expect(uuidFromText('req-1')).not.toBe(uuidFromText('req-2'));
  });

  it('returns a valid version-8 UUID', () => {
    for (const text of ['', 'req-1', 'ü'.repeat(1000)]) {
      const id = uuidFromText(text);
      expect(z.uuid().safeParse(id).success).toBe(true);
      expect(id[14]).toBe('8');
      expect('89ab').toContain(id[19]);
    }
  });
});
