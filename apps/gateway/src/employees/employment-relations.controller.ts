import { Controller, Get, Param, Query, applyDecorators } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import {
  COMPANIES_PATTERNS,
  IdParamSchema,
  ListEmployeesQuerySchema,
  PEOPLE_PATTERNS,
  parseContract,
  type Company,
  type Employee,
  type EmployeeWithCompany,
  type EmployeeWithPerson,
  type Page,
  type Person,
} from '#contracts';
import { KafkaRequester } from '#messaging';
import { CorrelationId } from '../http/correlation-id.decorator.js';
import { PAGES } from '../openapi/components.js';
import { ApiAnswer, ApiOperationNamed, ApiProblems } from '../openapi/route-docs.js';

const RelationQuerySchema = ListEmployeesQuerySchema.pick({
  limit: true,
  offset: true,
  active: true,
});

/** One side of an employment: how to find it by id, alone and in a batch. */
interface Side {
  get: string;
  findByIds: string;
  idOf: (e: Employee) => string;
  filter: 'personId' | 'companyId';
}
const PERSON: Side = { ...PEOPLE_PATTERNS, idOf: (e) => e.personId, filter: 'personId' };
const COMPANY: Side = { ...COMPANIES_PATTERNS, idOf: (e) => e.companyId, filter: 'companyId' };

const relationDocs = (operationId: string, summary: string, page: z.ZodType) =>
  applyDecorators(
    ApiOperationNamed(operationId, summary),
    ApiAnswer(200, page, summary),
    ApiProblems({ 400: ['VALIDATION_FAILED'], 404: ['NOT_FOUND'] }),
  );

/** Employments across services, with the other side embedded: one request per service per page. */
@ApiTags('employees')
@Controller()
export class EmploymentRelationsController {
  constructor(private readonly requester: KafkaRequester) {}

  @Get('companies/:id/employees')
  @relationDocs(
    'listCompanyEmployees',
    "A company's employees, each with its person embedded (null if since deleted)",
    PAGES.employeesWithPerson,
  )
  async companyEmployees(
    @Param({ schema: IdParamSchema }) params: unknown,
    @Query({ schema: RelationQuerySchema }) query: unknown,
    @CorrelationId() correlationId: string,
  ): Promise<Page<EmployeeWithPerson>> {
    const page = await this.embedded<Person>(COMPANY, PERSON, params, query, correlationId);
    return { ...page, items: page.items.map(({ other, ...e }) => ({ ...e, person: other })) };
  }

  @Get('people/:id/companies')
  @relationDocs(
    'listPersonCompanies',
    "A person's employments, each with its company embedded (null if since deleted)",
    PAGES.employeesWithCompany,
  )
  async personCompanies(
    @Param({ schema: IdParamSchema }) params: unknown,
    @Query({ schema: RelationQuerySchema }) query: unknown,
    @CorrelationId() correlationId: string,
  ): Promise<Page<EmployeeWithCompany>> {
    const page = await this.embedded<Company>(PERSON, COMPANY, params, query, correlationId);
    return { ...page, items: page.items.map(({ other, ...e }) => ({ ...e, company: other })) };
  }

  /** The owner's employments (404 if the owner does not exist), each with the other side fetched in one batch. */
  private async embedded<T extends { id: string }>(
    owner: Side,
    other: Side,
    params: unknown,
    query: unknown,
    correlationId: string,
  ): Promise<Page<Employee & { other: T | null }>> {
    const { id } = parseContract(IdParamSchema, params);
    const paging = parseContract(RelationQuerySchema, { ...(query as object) });
    const [, page] = await Promise.all([
      this.requester.request(owner.get, { id }, { correlationId, key: id }),
      this.requester.request<Page<Employee>>(
        'employment.list',
        { ...paging, [owner.filter]: id },
        { correlationId },
      ),
    ]);
    const ids = [...new Set(page.items.map(other.idOf))];
    const found = ids.length
      ? await this.requester.request<T[]>(other.findByIds, { ids }, { correlationId })
      : [];
    const byId = new Map(found.map((item) => [item.id, item]));
    return {
      ...page,
      items: page.items.map((e) => ({ ...e, other: byId.get(other.idOf(e)) ?? null })),
    };
  }
}
