import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  EmployeeSchema,
  HireSchema,
  IdParamSchema,
  ListEmployeesQuerySchema,
  parseContract,
  type Employee,
  type Page,
} from '#contracts';
import { KafkaRequester } from '#messaging';
import { CorrelationId } from '../http/correlation-id.decorator.js';
import { IdempotencyKey } from '../http/idempotency-key.decorator.js';
import { PAGES } from '../openapi/components.js';
import {
  ApiAnswer,
  ApiOperationNamed,
  ApiProblems,
  idempotencyDocs,
} from '../openapi/route-docs.js';

/** /employees, served by the employment service. */
@ApiTags('employees')
@Controller('employees')
export class EmployeesController {
  constructor(private readonly requester: KafkaRequester) {}

  @Post()
  @ApiOperationNamed(
    'hireEmployee',
    'Hire a person at a company',
    'Verifies the person and the company with their services, then persists the employment.',
  )
  @ApiAnswer(201, EmployeeSchema, 'the new employee')
  @ApiProblems({
    400: ['VALIDATION_FAILED'],
    409: ['CARD_ID_TAKEN', 'ALREADY_EMPLOYED'],
    422: ['PERSON_NOT_FOUND', 'COMPANY_NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED'],
  })
  @idempotencyDocs
  hire(
    @Body({ schema: HireSchema }) body: unknown,
    @CorrelationId() correlationId: string,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<Employee> {
    const hire = parseContract(HireSchema, body);
    return this.requester.request('employment.hire', hire, {
      correlationId,
      key: hire.personId,
      idempotencyKey,
    });
  }

  @Get()
  @ApiOperationNamed('listEmployees', 'List employees by person, company and whether active')
  @ApiAnswer(200, PAGES.employees, 'a page of employees')
  @ApiProblems({ 400: ['VALIDATION_FAILED'] })
  list(
    @Query({ schema: ListEmployeesQuerySchema }) query: unknown,
    @CorrelationId() correlationId: string,
  ): Promise<Page<Employee>> {
    const input = parseContract(ListEmployeesQuerySchema, { ...(query as object) });
    return this.requester.request('employment.list', input, { correlationId });
  }

  @Get(':id')
  @ApiOperationNamed('getEmployee', 'Get one employee')
  @ApiAnswer(200, EmployeeSchema, 'the employee')
  @ApiProblems({ 400: ['VALIDATION_FAILED'], 404: ['NOT_FOUND'] })
  get(
    @Param({ schema: IdParamSchema }) params: unknown,
    @CorrelationId() correlationId: string,
  ): Promise<Employee> {
    const { id } = parseContract(IdParamSchema, params);
    return this.requester.request('employment.get', { id }, { correlationId, key: id });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperationNamed('terminateEmployee', 'End the employment (kept, with endedAt set)')
  @ApiResponse({ status: 204, description: 'the employment is ended' })
  @ApiProblems({ 400: ['VALIDATION_FAILED'], 404: ['NOT_FOUND'] })
  async terminate(
    @Param({ schema: IdParamSchema }) params: unknown,
    @CorrelationId() correlationId: string,
  ): Promise<void> {
    const { id } = parseContract(IdParamSchema, params);
    await this.requester.request('employment.terminate', { id }, { correlationId, key: id });
  }
}
