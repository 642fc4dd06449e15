import { describe, expect, it } from '@jest/globals';
import { CreatePersonSchema, UpdatePersonSchema } from './people.js';

describe('CreatePersonSchema', () => {
  it('trims the full name', () => {
    expect(CreatePersonSchema.parse({ fullName: '  Ada Lovelace  ' })).toEqual({
      fullName: 'Ada Lovelace',
    });
  });

  it('requires a full name of 1..200 characters after trimming', () => {
    expect(CreatePersonSchema.safeParse({}).success).toBe(false);
    expect(CreatePersonSchema.safeParse({ fullName: '' }).success).toBe(false);
    expect(CreatePersonSchema.safeParse({ fullName: '   ' }).success).toBe(false);
    expect(CreatePersonSchema.safeParse({ fullName: 'a'.repeat(200) }).success).toBe(true);
    expect(CreatePersonSchema.safeParse({ fullName: 'a'.repeat(201) }).success).toBe(false);
    expect(CreatePersonSchema.parse({ fullName: `  ${'a'.repeat(200)}  ` }).fullName).toHaveLength(
      200,
    );
  });

  it('rejects unknown fields', () => {
    const result = CreatePersonSchema.safeParse({ fullName: 'Ada', age: 36 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['age'] });
  });

  it('accepts a valid email, null, or no email', () => {
    expect(CreatePersonSchema.parse({ fullName: 'Ada', email: 'ada@example.com' }).email).toBe(
      'ada@example.com',
    );
    expect(CreatePersonSchema.parse({ fullName: 'Ada', email: null }).email).toBeNull();
    expect(CreatePersonSchema.parse({ fullName: 'Ada' })).not.toHaveProperty('email');
  });

  it('rejects a malformed email', () => {
    for (const email of ['not-an-email', 'ada@', '@example.com', 'ada@example']) {
      expect(CreatePersonSchema.safeParse({ fullName: 'Ada', email }).success).toBe(false);
    }
  });

  it('limits email to 254 characters', () => {
    const at254 = `${'a'.repeat(249)}@b.co`;
    expect(at254).toHaveLength(254);
    expect(CreatePersonSchema.safeParse({ fullName: 'Ada', email: at254 }).success).toBe(true);
    expect(CreatePersonSchema.safeParse({ fullName: 'Ada', email: `a${at254}` }).success).toBe(
      false,
    );
  });

  it('limits address to 500 and country to 100 characters, trimmed, nullable', () => {
    const ok = CreatePersonSchema.parse({
      fullName: 'Ada',
      address: ` ${'x'.repeat(500)} `,
      country: ' UK ',
    });
    expect(ok.address).toHaveLength(500);
    expect(ok.country).toBe('UK');
    expect(
      CreatePersonSchema.safeParse({ fullName: 'Ada', address: 'x'.repeat(501) }).success,
    ).toBe(false);
    expect(
      CreatePersonSchema.safeParse({ fullName: 'Ada', country: 'x'.repeat(100) }).success,
    ).toBe(true);
    expect(
      CreatePersonSchema.safeParse({ fullName: 'Ada', country: 'x'.repeat(101) }).success,
    ).toBe(false);
    expect(CreatePersonSchema.parse({ fullName: 'Ada', address: null, country: null })).toEqual({
      fullName: 'Ada',
      address: null,
      country: null,
    });
  });
});

describe('UpdatePersonSchema', () => {
  it('accepts an empty patch and any subset of fields', () => {
    expect(UpdatePersonSchema.parse({})).toEqual({});
    expect(UpdatePersonSchema.parse({ country: 'FR' })).toEqual({ country: 'FR' });
  });

  it('still validates and trims the fields that are present', () => {
    expect(UpdatePersonSchema.parse({ fullName: ' Grace ' })).toEqual({ fullName: 'Grace' });
    expect(UpdatePersonSchema.safeParse({ fullName: ' ' }).success).toBe(false);
    expect(UpdatePersonSchema.safeParse({ email: 'nope' }).success).toBe(false);
  });

  it('rejects unknown fields', () => {
    expect(UpdatePersonSchema.safeParse({ id: 'x' }).success).toBe(false);
  });
});

describe('CreatePersonSchema email', () => {
  it('trims the email before validating it', () => {
    expect(CreatePersonSchema.parse({ fullName: 'Ada', email: ' ada@example.com ' }).email).toBe(
      'ada@example.com',
    );
  });
});
