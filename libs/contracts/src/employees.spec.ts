import { describe, expect, it } from '@jest/globals';
import { HireSchema, ListEmployeesQuerySchema } from './employees.js';

const personId = '7d3f1c2a-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const companyId = '0b6f9a3e-2c4d-4e6f-9a1b-c2d3e4f5a6b7';

describe('HireSchema', () => {
  const hire = (cardId: unknown) => HireSchema.safeParse({ personId, companyId, cardId });

  it('accepts card ids 0..2147483647', () => {
    expect(hire(0).success).toBe(true);
    expect(hire(2147483647).success).toBe(true);
  });

  it('rejects card ids out of range, fractional, or not numbers', () => {
    for (const cardId of [-1, 2147483648, 1.5, '7', null, Number.NaN]) {
      expect(hire(cardId).success).toBe(false);
    }
  });

  it('requires UUIDs and rejects unknown fields', () => {
    expect(HireSchema.safeParse({ personId: 'p1', companyId, cardId: 1 }).success).toBe(false);
    expect(HireSchema.safeParse({ personId, companyId, cardId: 1, note: 'x' }).success).toBe(false);
  });
});

describe('ListEmployeesQuerySchema', () => {
  it("turns 'true'/'false' into booleans and keeps booleans", () => {
    expect(ListEmployeesQuerySchema.parse({ active: 'true' }).active).toBe(true);
    expect(ListEmployeesQuerySchema.parse({ active: 'false' }).active).toBe(false);
    expect(ListEmployeesQuerySchema.parse({ active: true }).active).toBe(true);
    expect(ListEmployeesQuerySchema.parse({ active: false }).active).toBe(false);
  });

  it('rejects other spellings of active', () => {
    for (const active of ['yes', '1', 'TRUE', '', 1]) {
      expect(ListEmployeesQuerySchema.safeParse({ active }).success).toBe(false);
    }
  });

  it('leaves active out when absent and applies paging defaults', () => {
    expect(ListEmployeesQuerySchema.parse({ personId })).toEqual({
      personId,
      limit: 20,
      offset: 0,
    });
  });

  it('requires UUID filters', () => {
    expect(ListEmployeesQuerySchema.safeParse({ companyId: 'acme' }).success).toBe(false);
  });
});
