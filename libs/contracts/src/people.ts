import { z } from 'zod';
import {
  AddressSchema,
  CountrySchema,
  EmailSchema,
  NameSchema,
  IdSchema,
  PagingSchema,
  TimestampSchema,
  trimmedText,
} from './fields.js';

export const CreatePersonSchema = z.strictObject({
  fullName: NameSchema,
  email: EmailSchema.optional(),
  address: AddressSchema.optional(),
  country: CountrySchema.optional(),
});
export type CreatePerson = z.infer<typeof CreatePersonSchema>;

export const UpdatePersonSchema = CreatePersonSchema.partial();
export type UpdatePerson = z.infer<typeof UpdatePersonSchema>;

/** The message of a `people.update` request: which person, and what changes. */
export const UpdatePersonRequestSchema = z.strictObject({
  id: IdSchema,
  changes: UpdatePersonSchema,
});

export const ListPeopleQuerySchema = PagingSchema.extend({
  country: trimmedText(100).min(1).optional(),
  q: trimmedText(200).min(1).optional(),
});
export type ListPeopleQuery = z.infer<typeof ListPeopleQuerySchema>;

/** A person as the gateway answers it and as events carry it. */
export const PersonSchema = z.strictObject({
  id: IdSchema,
  fullName: z.string(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  country: z.string().nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Person = z.infer<typeof PersonSchema>;
