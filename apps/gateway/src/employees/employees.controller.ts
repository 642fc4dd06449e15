import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  HireSchema,
  IdParamSchema,
  ListEmployeesQuerySchema,
  parseContract,
  type Employee,
  type Page,
} from '#contracts';
import { KafkaRequester } from '#messaging';
import { CorrelationId } from '../http/correlation-id.decorator.js';
import { IdempotencyKey, idempotencyDocs } from '../http/idempotency-key.decorator.js';
import { openApiSchema } from '../http/json-schema.js';

/** /employees, served by the employment service. */
@ApiTags('employees')
@Controller('employees')
export class EmployeesController {
  constructor(private readonly requester: KafkaRequester) {}

  @Post()
  @ApiOperation({
    summary: 'Hire: verifies the person and the company with their services, then persists',
  })
  @ApiBody({ schema: openApiSchema(HireSchema) })
  @ApiResponse({ status: 201, description: 'the employee' })
  @ApiResponse({ status: 422, description: 'PERSON_NOT_FOUND or COMPANY_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'CARD_ID_TAKEN or ALREADY_EMPLOYED' })
  @ApiResponse({ status: 503, description: 'DEPENDENCY_UNAVAILABLE' })
  @idempotencyDocs
  hire(
    @Body() body: unknown,
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
  @ApiOperation({ summary: 'List employees by person, company and whether active' })
  @ApiQuery({ name: 'personId', required: false })
  @ApiQuery({ name: 'companyId', required: false })
  @ApiQuery({ name: 'active', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  list(@Query() query: unknown, @CorrelationId() correlationId: string): Promise<Page<Employee>> {
    const input = parseContract(ListEmployeesQuerySchema, { ...(query as object) });
    return this.requester.request('employment.list', input, { correlationId });
  }

  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  get(@Param() params: unknown, @CorrelationId() correlationId: string): Promise<Employee> {
    const { id } = parseContract(IdParamSchema, params);
    return this.requester.request('employment.get', { id }, { correlationId, key: id });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the employment (kept, with endedAt set)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  async terminate(@Param() params: unknown, @CorrelationId() correlationId: string): Promise<void> {
    const { id } = parseContract(IdParamSchema, params);
    await this.requester.request('employment.terminate', { id }, { correlationId, key: id });
  }
}
