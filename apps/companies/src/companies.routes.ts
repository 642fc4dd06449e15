import type { AppRoutes } from '#messaging';
import { CompanyHandlers } from './company/company.handlers.js';

/** Every topic the companies service consumes, and what handles it. */
export const COMPANIES_ROUTES: AppRoutes = {
  // Answered by the CompanyHandlers method whose @MessagePattern names the topic.
  requests: {
    group: 'companies',
    handlers: CompanyHandlers,
    topics: [
      'companies.create',
      'companies.get',
      'companies.find-by-ids',
      'companies.list',
      'companies.update',
      'companies.delete',
    ],
  },
};
