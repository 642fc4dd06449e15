/** The PostgreSQL error fields TypeORM passes through on a QueryFailedError. */
interface PgErrorLike {
  code?: string;
  constraint?: string;
  driverError?: { code?: string; constraint?: string };
}

/** The violated unique constraint's name, or undefined when `error` is not a unique violation. */
export function uniqueViolation(error: unknown): string | undefined {
  const e = error as PgErrorLike;
  const code = e?.driverError?.code ?? e?.code;
  if (code !== '23505') return undefined;
  return e.driverError?.constraint ?? e.constraint ?? '';
}
