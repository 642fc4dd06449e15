import { describe, expect, it } from '@jest/globals';
import { HireRequestSchema, RequestIdSchema } from './hire-requests.js';

const valid = {
  requestId: 'req-1',
  personId: '7d3f1c2a-1b2c-4d5e-8f90-a1b2c3d4e5f6',
  companyId: '0b6f9a3e-2c4d-4e6f-9a1b-c2d3e4f5a6b7',
  cardId: 42,
};

describe('HireRequestSchema', () => {
  it('ignores (and drops) unknown fields', () => {
    expect(HireRequestSchema.parse({ ...valid, source: 'hr-system', extra: { a: 1 } })).toEqual(
      valid,
    );
  });

  it('validates the known fields', () => {
    expect(HireRequestSchema.safeParse({ ...valid, cardId: -1 }).success).toBe(false);
    expect(HireRequestSchema.safeParse({ ...valid, companyId: 'acme' }).success).toBe(false);
  });
});

describe('RequestIdSchema', () => {
  it('accepts strings of 1..200 characters', () => {
    expect(RequestIdSchema.safeParse('x').success).toBe(true);
    expect(RequestIdSchema.safeParse('x'.repeat(200)).success).toBe(true);
    expect(RequestIdSchema.safeParse('').success).toBe(false);
    expect(RequestIdSchema.safeParse('x'.repeat(201)).success).toBe(false);
    expect(RequestIdSchema.safeParse(7).success).toBe(false);
  });
});

describe('RequestIdSchema blanks', () => {
  it('rejects a requestId of only spaces', () => {
    expect(RequestIdSchema.safeParse('   ').success).toBe(false);
  });
});

describe('RequestIdSchema and U+0000', () => {
  it('rejects a requestId holding U+0000 (it could not be stored: the batch would fail for good)', () => {
    expect(RequestIdSchema.safeParse('req\u00001').success).toBe(false);
  });
});
