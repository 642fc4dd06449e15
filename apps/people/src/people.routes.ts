import type { AppRoutes } from '#messaging';

/** Every topic the people service consumes, and what handles it. */
export const PEOPLE_ROUTES: AppRoutes = {
  // Answered by PersonHandlers' @MessagePattern methods of the same name.
  requests: {
    group: 'people',
    topics: [
      'people.create',
      'people.get',
      'people.find-by-ids',
      'people.list',
      'people.update',
      'people.delete',
    ],
  },
};
