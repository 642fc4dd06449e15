import { describe, expect, it } from '@jest/globals';
import { IdsRequestSchema } from './fields.js';
import { CreatePersonSchema } from './people.js';
import { ContractValidationError, parseContract } from './validation.js';

describe(parseContract.name, () => {
  it('returns the parsed output on success', () => {
    expect(parseContract(CreatePersonSchema, { fullName: ' Ada ' })).toEqual({ fullName: 'Ada' });
  });

  it('throws a ContractValidationError naming each bad field', () => {
    let caught: unknown;
    try {
      parseContract(CreatePersonSchema, { fullName: '', email: 'nope', country: 'x'.repeat(101) });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ContractValidationError);
    const { issues, message, name } = caught as ContractValidationError;
    expect(name).toBe('ContractValidationError');
    expect(issues).toHaveLength(3);
    expect(issues.some((i) => i.startsWith('fullName: '))).toBe(true);
    expect(issues.some((i) => i.startsWith('email: '))).toBe(true);
    expect(issues.some((i) => i.startsWith('country: '))).toBe(true);
    expect(message).toBe(issues.join('; '));
  });

  it('joins nested paths with dots', () => {
    expect(() => parseContract(IdsRequestSchema, { ids: ['not-a-uuid'] })).toThrow(
      'ids.0: must be a UUID',
    );
  });

  it('names unknown fields and labels body-level problems (body)', () => {
    expect(() => parseContract(CreatePersonSchema, { fullName: 'Ada', age: 3 })).toThrow(
      /^\(body\): .*age/,
    );
    expect(() => parseContract(CreatePersonSchema, 'Ada')).toThrow(/^\(body\): /);
  });
});
