import type { AppRoutes } from '#messaging';
import { PersonHandlers } from './person/person.handlers.js';

/** Every topic the people service consumes, and what handles it. */
export const PEOPLE_ROUTES: AppRoutes = {
  // Answered by the PersonHandlers method whose @MessagePattern names the topic.
  requests: {
    group: 'people',
    handlers: PersonHandlers,
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
