import {
  COMPANIES_PATTERNS,
  CreateCompanySchema,
  ListCompaniesQuerySchema,
  UpdateCompanySchema,
} from '#contracts';
import { CrudRoutes } from '../crud/crud-routes.factory.js';

/** /companies, served by the companies service. */
export class CompaniesController extends CrudRoutes({
  path: 'companies',
  noun: 'company',
  patterns: COMPANIES_PATTERNS,
  createSchema: CreateCompanySchema,
  updateSchema: UpdateCompanySchema,
  listSchema: ListCompaniesQuerySchema,
}) {}
