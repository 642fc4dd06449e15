import {
  COMPANIES_PATTERNS,
  CompanySchema,
  CreateCompanySchema,
  ListCompaniesQuerySchema,
  UpdateCompanySchema,
} from '#contracts';
import { CrudRoutes } from '../crud/crud-routes.factory.js';
import { PAGES } from '../openapi/components.js';

/** /companies, served by the companies service. */
export class CompaniesController extends CrudRoutes({
  path: 'companies',
  noun: 'company',
  names: { one: 'Company', many: 'Companies' },
  patterns: COMPANIES_PATTERNS,
  createSchema: CreateCompanySchema,
  updateSchema: UpdateCompanySchema,
  listSchema: ListCompaniesQuerySchema,
  itemSchema: CompanySchema,
  pageSchema: PAGES.companies,
}) {}
