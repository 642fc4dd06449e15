import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  COMPANIES_PATTERNS,
  EMPLOYMENT_PATTERNS,
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

const RelationQuerySchema = ListEmployeesQuerySchema.pick({
  limit: true,
  offset: true,
  active: true,
});

/** Employments across services, with the other side embedded: one request per service per page. */
@ApiTags('employees')
@Controller()
export class EmploymentRelationsController {
  constructor(private readonly requester: KafkaRequester) {}

  @Get('companies/:id/employees')
  @ApiOperation({
    summary: "A company's employees, each with its person embedded (null if since deleted)",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQuery({ name: 'active', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  async companyEmployees(
    @Param() params: unknown,
    @Query() query: unknown,
    @CorrelationId() correlationId: string,
  ): Promise<Page<EmployeeWithPerson>> {
    const { id } = parseContract(IdParamSchema, params);
    const paging = parseContract(RelationQuerySchema, { ...(query as object) });
    const [, page] = await Promise.all([
      this.requester.request<Company>(COMPANIES_PATTERNS.get, { id }, { correlationId, key: id }),
      this.requester.request<Page<Employee>>(
        EMPLOYMENT_PATTERNS.list,
        { ...paging, companyId: id },
        { correlationId },
      ),
    ]);
    const people = await this.byId<Person>(
      PEOPLE_PATTERNS.findByIds,
      page.items.map((e) => e.personId),
      correlationId,
    );
    return {
      ...page,
      items: page.items.map((e) => ({ ...e, person: people.get(e.personId) ?? null })),
    };
  }

  @Get('people/:id/companies')
  @ApiOperation({
    summary: "A person's employments, each with its company embedded (null if since deleted)",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQuery({ name: 'active', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  async personCompanies(
    @Param() params: unknown,
    @Query() query: unknown,
    @CorrelationId() correlationId: string,
  ): Promise<Page<EmployeeWithCompany>> {
    const { id } = parseContract(IdParamSchema, params);
    const paging = parseContract(RelationQuerySchema, { ...(query as object) });
    const [, page] = await Promise.all([
      this.requester.request<Person>(PEOPLE_PATTERNS.get, { id }, { correlationId, key: id }),
      this.requester.request<Page<Employee>>(
        EMPLOYMENT_PATTERNS.list,
        { ...paging, personId: id },
        { correlationId },
      ),
    ]);
    const companies = await this.byId<Company>(
      COMPANIES_PATTERNS.findByIds,
      page.items.map((e) => e.companyId),
      correlationId,
    );
    return {
      ...page,
      items: page.items.map((e) => ({ ...e, company: companies.get(e.companyId) ?? null })),
    };
  }

  private async byId<T extends { id: string }>(
    pattern: string,
    ids: string[],
    correlationId: string,
  ): Promise<Map<string, T>> {
    if (ids.length === 0) return new Map();
    const found = await this.requester.request<T[]>(
      pattern,
      { ids: [...new Set(ids)] },
      { correlationId },
    );
    return new Map(found.map((item) => [item.id, item]));
  }
}
