import { z } from 'zod';
import { AddressSchema, CountrySchema, NameSchema, PagingSchema, withoutNul } from './fields.js';

export const CreateCompanySchema = z.strictObject({
  name: NameSchema,
  address: AddressSchema.optional(),
  country: CountrySchema.optional(),
});
export type CreateCompany = z.infer<typeof CreateCompanySchema>;

export const UpdateCompanySchema = CreateCompanySchema.partial();
export type UpdateCompany = z.infer<typeof UpdateCompanySchema>;

export const ListCompaniesQuerySchema = PagingSchema.extend({
  country: z.string().trim().min(1).max(100).optional(),
  q: z.string().trim().min(1).max(200).refine(withoutNul).optional(),
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
