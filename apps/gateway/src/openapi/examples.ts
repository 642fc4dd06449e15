import type { CreateCompany, CreatePerson, Hire } from '#contracts';
import {
  SCENARIO_1,
  TUTORIAL_COMPANIES,
  TUTORIAL_PEOPLE,
} from '../../../../scripts/tutorial-data.js';

/** The tutorial's Scenario 1 as a client sees it: Kelly Jetson (tutorial person 2) joins IBM (company 1) with card 1. */
const person = TUTORIAL_PEOPLE[SCENARIO_1.personTutorialId - 1];
const company = TUTORIAL_COMPANIES[SCENARIO_1.companyTutorialId - 1];
const at = '2026-11-30T09:00:00.000Z';
const ids = {
  person: '0b8f3c3e-6f0a-4c52-9a51-2f4e1f3b7a10',
  company: '5d2c9e71-3b4a-4f8e-8c1d-7a6b5e4d3c21',
  employee: 'c3a1e5f7-9b2d-4e6f-a8c0-1d3e5f7a9b2c',
};

export const examples = {
  createPerson: [...TUTORIAL_PEOPLE] as CreatePerson[],
  updatePerson: [{ address: '1 Main Street, Springfield' }],
  person: { id: ids.person, ...person, email: null, createdAt: at, updatedAt: at },
  createCompany: [...TUTORIAL_COMPANIES] as CreateCompany[],
  updateCompany: [{ country: 'United States' }],
  company: { id: ids.company, ...company, createdAt: at, updatedAt: at },
  hire: { personId: ids.person, companyId: ids.company, cardId: SCENARIO_1.cardId } as Hire,
  employee: {
    id: ids.employee,
    personId: ids.person,
    companyId: ids.company,
    cardId: SCENARIO_1.cardId,
    createdAt: at,
    endedAt: null,
  },
};
