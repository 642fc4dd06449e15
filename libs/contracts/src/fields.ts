import { z } from 'zod';

/** A UUID as the contract uses for every id. */
export const IdSchema = z.uuid({ error: 'must be a UUID' });

export const IdParamSchema = z.strictObject({ id: IdSchema });

/** PostgreSQL text cannot hold U+0000: a string with one is bad input (400), not a failed insert (500). */
export const withoutNul = (value: string) => !value.includes('\u0000');

const trimmed = (max: number) =>
  z.string().trim().max(max).refine(withoutNul, { error: 'must not contain U+0000' });

/** Required display names: 1..200 characters after trimming. */
export const NameSchema = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(200)
  .refine(withoutNul, { error: 'must not contain U+0000' });
export const AddressSchema = trimmed(500).nullable();
export const CountrySchema = trimmed(100).nullable();
export const EmailSchema = z.string().trim().pipe(z.email().max(254)).nullable();
export const CardIdSchema = z.int().min(0).max(2147483647);

/** Paging query of every list route: limit 1..100 (default 20), offset >= 0. */
export const PagingSchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
});

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** Batch look-up by ids (embedding, hire verification): at most 1000 per request. */
export const IdsRequestSchema = z.strictObject({ ids: z.array(IdSchema).max(1000) });
