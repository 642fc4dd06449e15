import { z } from 'zod';
import {
  CompanySchema,
  CreateCompanySchema,
  CreatePersonSchema,
  EmployeeSchema,
  EmployeeWithCompanySchema,
  EmployeeWithPersonSchema,
  HireSchema,
  PersonSchema,
  UpdateCompanySchema,
  UpdatePersonSchema,
  pageSchema,
} from '#contracts';
import { ProblemSchema } from '../http/problem.js';
import { examples } from './examples.js';

interface ComponentMeta {
  id: string;
  description?: string;
  examples?: unknown[];
}

/** Names (and examples) of the contract schemas the OpenAPI document lists under components.schemas. */
export const OPENAPI_COMPONENTS = z.registry<ComponentMeta>();

const page = <T extends z.ZodType>(item: T, id: string, description: string) => {
  const schema = pageSchema(item);
  OPENAPI_COMPONENTS.add(schema, { id, description });
  return schema;
};

OPENAPI_COMPONENTS.add(PersonSchema, { id: 'Person', examples: [examples.person] });
OPENAPI_COMPONENTS.add(CompanySchema, { id: 'Company', examples: [examples.company] });
OPENAPI_COMPONENTS.add(EmployeeSchema, { id: 'Employee', examples: [examples.employee] });
OPENAPI_COMPONENTS.add(EmployeeWithPersonSchema, {
  id: 'EmployeeWithPerson',
  description: 'An employment with its person embedded (null if the person was since deleted)',
});
OPENAPI_COMPONENTS.add(EmployeeWithCompanySchema, {
  id: 'EmployeeWithCompany',
  description: 'An employment with its company embedded (null if the company was since deleted)',
});
OPENAPI_COMPONENTS.add(CreatePersonSchema, { id: 'CreatePerson', examples: examples.createPerson });
OPENAPI_COMPONENTS.add(UpdatePersonSchema, { id: 'UpdatePerson', examples: examples.updatePerson });
OPENAPI_COMPONENTS.add(CreateCompanySchema, {
  id: 'CreateCompany',
  examples: examples.createCompany,
});
OPENAPI_COMPONENTS.add(UpdateCompanySchema, {
  id: 'UpdateCompany',
  examples: examples.updateCompany,
});
OPENAPI_COMPONENTS.add(HireSchema, { id: 'Hire', examples: [examples.hire] });
OPENAPI_COMPONENTS.add(ProblemSchema, {
  id: 'Problem',
  description: 'RFC 9457 problem details (application/problem+json)',
});

/** The page types, named for generated clients. */
export const PAGES = {
  people: page(PersonSchema, 'PersonPage', 'A page of people'),
  companies: page(CompanySchema, 'CompanyPage', 'A page of companies'),
  employees: page(EmployeeSchema, 'EmployeePage', 'A page of employees'),
  employeesWithPerson: page(
    EmployeeWithPersonSchema,
    'EmployeeWithPersonPage',
    "A page of a company's employees, each with its person",
  ),
  employeesWithCompany: page(
    EmployeeWithCompanySchema,
    'EmployeeWithCompanyPage',
    "A page of a person's employments, each with its company",
  ),
};
