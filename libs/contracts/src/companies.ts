import { z } from 'zod';
import { AddressSchema, CountrySchema, NameSchema, PagingSchema, trimmedText } from './fields.js';

export const CreateCompanySchema = z.strictObject({
  name: NameSchema,
  address: AddressSchema.optional(),
  country: CountrySchema.optional(),
});
export type CreateCompany = z.infer<typeof CreateCompanySchema>;

export const UpdateCompanySchema = CreateCompanySchema.partial();
export type UpdateCompany = z.infer<typeof UpdateCompanySchema>;

export const ListCompaniesQuerySchema = PagingSchema.extend({
  country: trimmedText(100).min(1).optional(),
  q: trimmedText(200).min(1).optional(),
});
export type ListCompaniesQuery = z.infer<typeof ListCompaniesQuerySchema>;

export interface Company {
  id: string;
  name: string;
  address: string | null;
  country: string | null;
  createdAt: string;
  updatedAt: string;
}
