import type { AppRoutes } from '#messaging';

/** Every topic the companies service consumes, and what handles it. */
export const COMPANIES_ROUTES: AppRoutes = {
  // Answered by CompanyHandlers' @MessagePattern methods of the same name.
  requests: {
    group: 'companies',
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
