import { describe, expect, it } from '@jest/globals';
import {
  AddressSchema,
  CountrySchema,
  IdsRequestSchema,
  NameSchema,
  PagingSchema,
} from './fields.js';

describe('PagingSchema', () => {
  it('defaults limit to 20 and offset to 0', () => {
    expect(PagingSchema.parse({})).toEqual({ limit: 20, offset: 0 });
  });

  it('coerces query-string numbers', () => {
    expect(PagingSchema.parse({ limit: '5', offset: '40' })).toEqual({ limit: 5, offset: 40 });
  });

  it('accepts limit 1..100 only', () => {
    expect(PagingSchema.parse({ limit: '1' }).limit).toBe(1);
    expect(PagingSchema.parse({ limit: 100 }).limit).toBe(100);
    for (const limit of [0, '0', 101, '101', -1, '2.5', 'abc']) {
      expect(PagingSchema.safeParse({ limit }).success).toBe(false);
    }
  });

  it('rejects a negative or fractional offset', () => {
    expect(PagingSchema.safeParse({ offset: '-1' }).success).toBe(false);
    expect(PagingSchema.safeParse({ offset: '1.5' }).success).toBe(false);
  });

  it('rejects unknown query parameters', () => {
    expect(PagingSchema.safeParse({ page: '2' }).success).toBe(false);
  });
});

describe('IdsRequestSchema', () => {
  it('accepts at most 1000 UUIDs', () => {
    const id = '7d3f1c2a-1b2c-4d5e-8f90-a1b2c3d4e5f6';
    expect(IdsRequestSchema.safeParse({ ids: Array(1000).fill(id) }).success).toBe(true);
    expect(IdsRequestSchema.safeParse({ ids: Array(1001).fill(id) }).success).toBe(false);
    expect(IdsRequestSchema.safeParse({ ids: ['nope'] }).success).toBe(false);
  });
});

describe('text fields', () => {
  it('reject U+0000, which PostgreSQL text cannot hold', () => {
    expect(NameSchema.safeParse('a\u0000b').success).toBe(false);
    expect(AddressSchema.safeParse('\u0000').success).toBe(false);
    expect(CountrySchema.safeParse('x\u0000').success).toBe(false);
    expect(NameSchema.parse('  Ada  ')).toBe('Ada');
    expect(NameSchema.safeParse('   ').success).toBe(false);
    expect(AddressSchema.parse(null)).toBeNull();
  });
});
