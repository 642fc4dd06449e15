import { describe, expect, it } from '@jest/globals';
import { CreateCompanySchema, ListCompaniesQuerySchema, UpdateCompanySchema } from './companies.js';

describe('CreateCompanySchema', () => {
  it('trims the name and requires 1..200 characters', () => {
    expect(CreateCompanySchema.parse({ name: '  Acme  ' })).toEqual({ name: 'Acme' });
    expect(CreateCompanySchema.safeParse({ name: '  ' }).success).toBe(false);
    expect(CreateCompanySchema.safeParse({ name: 'a'.repeat(201) }).success).toBe(false);
  });

  it('limits address and country and rejects unknown fields', () => {
    expect(CreateCompanySchema.safeParse({ name: 'Acme', address: 'x'.repeat(501) }).success).toBe(
      false,
    );
    expect(CreateCompanySchema.safeParse({ name: 'Acme', country: 'x'.repeat(101) }).success).toBe(
      false,
    );
    expect(CreateCompanySchema.safeParse({ name: 'Acme', email: 'a@b.co' }).success).toBe(false);
  });
});

describe('UpdateCompanySchema', () => {
  it('makes every field optional', () => {
    expect(UpdateCompanySchema.parse({})).toEqual({});
    expect(UpdateCompanySchema.parse({ address: null })).toEqual({ address: null });
  });
});

describe('ListCompaniesQuerySchema', () => {
  it('adds paging defaults and trims filters', () => {
    expect(ListCompaniesQuerySchema.parse({ q: ' ac ' })).toEqual({
      limit: 20,
      offset: 0,
      q: 'ac',
    });
    expect(ListCompaniesQuerySchema.safeParse({ q: ' ' }).success).toBe(false);
  });
});
