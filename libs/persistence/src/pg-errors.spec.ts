import { describe, expect, it } from '@jest/globals';
import { uniqueViolation } from './pg-errors.js';

describe(uniqueViolation.name, () => {
  it('returns the constraint of a TypeORM QueryFailedError-like unique violation', () => {
    expect(uniqueViolation({ driverError: { code: '23505', constraint: 'uq_people_email' } })).toBe(
      'uq_people_email',
    );
  });

  it('returns the constraint of a raw pg unique violation', () => {
    expect(
      uniqueViolation(Object.assign(new Error('dup'), { code: '23505', constraint: 'uq_card' })),
    ).toBe('uq_card');
  });

  it('returns an empty string for a unique violation without a constraint name', () => {
    expect(uniqueViolation({ code: '23505' })).toBe('');
  });

  it("prefers the driver error's code over the wrapper's", () => {
    expect(
      uniqueViolation({ code: '23505', constraint: 'x', driverError: { code: '23503' } }),
    ).toBeUndefined();
  });

  it('returns undefined for other errors and non-errors', () => {
    for (const error of [
      { code: '23503', constraint: 'fk' },
      { driverError: { code: '40001' } },
      new Error('boom'),
      'boom',
      null,
      undefined,
    ]) {
      expect(uniqueViolation(error)).toBeUndefined();
    }
  });
});
