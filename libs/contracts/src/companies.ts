import { z } from 'zod';
import {
  AddressSchema,
  CountrySchema,
  NameSchema,
  IdSchema,
  PagingSchema,
  TimestampSchema,
  trimmedText,
} from './fields.js';

export const CreateCompanySchema = z.strictObject({
  name: NameSchema,
  address: AddressSchema.optional(),
  country: CountrySchema.optional(),
});
export type CreateCompany = z.infer<typeof CreateCompanySchema>;

export const UpdateCompanySchema = CreateCompanySchema.partial();
export type UpdateCompany = z.infer<typeof UpdateCompanySchema>;

/** The message of a `companies.update` request: which company, and what changes. */
export const UpdateCompanyRequestSchema = z.strictObject({
  id: IdSchema,
  changes: UpdateCompanySchema,
});

export const ListCompaniesQuerySchema = PagingSchema.extend({
  country: trimmedText(100).min(1).optional(),
  q: trimmedText(200).min(1).optional(),
});
export type ListCompaniesQuery = z.infer<typeof ListCompaniesQuerySchema>;

/** A company as the gateway answers it and as events carry it. */
export const CompanySchema = z.strictObject({
  id: IdSchema,
  name: z.string(),
  address: z.string().nullable(),
  country: z.string().nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Company = z.infer<typeof CompanySchema>;
