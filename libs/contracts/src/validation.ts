import type { z } from 'zod';

/** Thrown when input does not match its contract schema; `issues` name each bad field. */
export class ContractValidationError extends Error {
  constructor(readonly issues: string[]) {
    super(issues.join('; '));
    this.name = 'ContractValidationError';
  }
}

/** Parses `input` with `schema`, or throws a ContractValidationError naming every bad field. */
export function parseContract<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ContractValidationError(
    result.error.issues.map((issue) => {
      const path = issue.path.length ? issue.path.join('.') : '(body)';
      return `${path}: ${issue.message}`;
    }),
  );
}
