import { z } from 'zod';

/** A UUID as the contract uses for every id. */
export const IdSchema = z.uuid({ error: 'must be a UUID' });

export const IdParamSchema = z.strictObject({ id: IdSchema });

/** Text PostgreSQL can store: no NUL characters (which it refuses in every text column). */
export const StorableTextSchema = z
  .string()
  .regex(/^[^\u0000]*$/, { error: 'must not contain NUL (\\u0000) characters' });

/** Text trimmed of surrounding blanks, at most `max` characters, storable. */
export const trimmedText = (max: number) => StorableTextSchema.trim().max(max);

/** Required display names: 1..200 characters after trimming. */
export const NameSchema = trimmedText(200).min(1, { error: 'must not be empty' });
export const AddressSchema = trimmedText(500).nullable();
export const CountrySchema = trimmedText(100).nullable();
export const EmailSchema = z.string().trim().pipe(z.email().max(254)).nullable();
export const CardIdSchema = z.int().min(0).max(2147483647);

/** Paging query of every list route: limit 1..100 (default 20), offset >= 0. */
export const PagingSchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
});

/** An ISO-8601 timestamp in UTC, as every answer and event writes it. */
export const TimestampSchema = z.iso.datetime();

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** The page every list route answers: `items` of `item`, the `total` matching, and the paging used. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.strictObject({
    items: z.array(item),
    total: z.int().min(0),
    limit: z.int().min(1).max(100),
    offset: z.int().min(0),
  });

/** The most ids one find-by-ids request may carry; callers with more send several requests. */
export const MAX_IDS_PER_REQUEST = 1000;

/** Batch look-up by ids (embedding, hire verification): at most MAX_IDS_PER_REQUEST per request. */
export const IdsRequestSchema = z.strictObject({
  ids: z.array(IdSchema).max(MAX_IDS_PER_REQUEST),
});
