import { eventRoute, type AppRoutes } from '#messaging';
import { EmploymentHandlers } from './employment.handlers.js';
import { PartyDeletionsHandler, readEventEnvelope } from './consistency/party-deletions.handler.js';
import { HireRequestProcessor } from './hiring/hire-request.processor.js';
import { readHireRequest } from './hiring/hire-request.parser.js';

/** Every topic the employment service consumes, and what handles it. */
export const EMPLOYMENT_ROUTES: AppRoutes = {
  // Answered by the EmploymentHandlers method whose @MessagePattern names the topic.
  requests: {
    group: 'employment',
    handlers: EmploymentHandlers,
    topics: ['employment.hire', 'employment.get', 'employment.list', 'employment.terminate'],
  },
  events: [
    // Hire requests from other services: one outcome event per request on employment.events.
    eventRoute({
      topics: ['employment.hire-requests'],
      group: 'employment.hire-requests',
      fromBeginning: true,
      parse: readHireRequest,
      handler: HireRequestProcessor,
      deadLetterTopic: 'employment.hire-requests.dlq',
    }),
    // Deletions of people and companies end their employments.
    eventRoute({
      topics: ['people.events', 'companies.events'],
      group: 'employment.party-deletions',
      fromBeginning: true,
      parse: readEventEnvelope,
      handler: PartyDeletionsHandler,
      deadLetterTopic: 'employment.party-events.dlq',
    }),
  ],
};
