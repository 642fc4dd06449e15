import { z } from 'zod';
import {
  AddressSchema,
  CountrySchema,
  EmailSchema,
  NameSchema,
  PagingSchema,
  withoutNul,
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

export const ListPeopleQuerySchema = PagingSchema.extend({
  country: z.string().trim().min(1).max(100).optional(),
  q: z.string().trim().min(1).max(200).refine(withoutNul).optional(),
});
export type ListPeopleQuery = z.infer<typeof ListPeopleQuerySchema>;

export interface Person {
  id: string;
  fullName: string;
  email: string | null;
  address: string | null;
  country: string | null;
  createdAt: string;
  updatedAt: string;
}
