import {
  COMPANIES_PATTERNS,
  CreateCompanySchema,
  ListCompaniesQuerySchema,
  UpdateCompanySchema,
} from '#contracts';
import { CrudHandlers } from '#persistence';
import { CompanyService } from './company.service.js';

/** Request/reply handlers of `companies.*` patterns. */
export class CompanyHandlers extends CrudHandlers({
  patterns: COMPANIES_PATTERNS,
  createSchema: CreateCompanySchema,
  updateSchema: UpdateCompanySchema,
  listSchema: ListCompaniesQuerySchema,
  service: CompanyService,
}) {}
