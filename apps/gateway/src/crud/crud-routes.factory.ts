import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  type Type,
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { IdParamSchema, parseContract, type Page } from '#contracts';
import { KafkaRequester } from '#messaging';
import { CorrelationId } from '../http/correlation-id.decorator.js';
import { IdempotencyKey, idempotencyDocs } from '../http/idempotency-key.decorator.js';
import { openApiSchema } from '../http/json-schema.js';

export interface CrudRoutesSpec {
  path: string;
  noun: string;
  patterns: { create: string; get: string; list: string; update: string; delete: string };
  createSchema: z.ZodType;
  updateSchema: z.ZodType;
  listSchema: z.ZodObject;
}

const problemResponses = (...statuses: number[]) =>
  statuses.map((status) => ApiResponse({ status, description: 'application/problem+json' }));

/** HTTP routes of a CRUD aggregate, each forwarded over Kafka request/reply to the owning service. */
export function CrudRoutes(spec: CrudRoutesSpec): Type<object> {
  const listDocs = applyDecorators(
    ...Object.keys(spec.listSchema.shape).map((name) => ApiQuery({ name, required: false })),
    ...problemResponses(400, 503),
  );

  @ApiTags(spec.path)
  @Controller(spec.path)
  class Routes {
    constructor(readonly requester: KafkaRequester) {}

    @Post()
    @ApiOperation({ summary: `Create a ${spec.noun}` })
    @ApiBody({ schema: openApiSchema(spec.createSchema) })
    @ApiResponse({ status: 201, description: `the ${spec.noun}` })
    @idempotencyDocs
    create(
      @Body() body: unknown,
      @CorrelationId() correlationId: string,
      @IdempotencyKey() idempotencyKey?: string,
    ) {
      const input = parseContract(spec.createSchema, body);
      return this.requester.request(spec.patterns.create, input, { correlationId, idempotencyKey });
    }

    @Get()
    @ApiOperation({ summary: `List ${spec.path} with filters and paging` })
    @listDocs
    @ApiResponse({ status: 200, description: '{items, total, limit, offset}' })
    list(@Query() query: unknown, @CorrelationId() correlationId: string): Promise<Page<unknown>> {
      const input = parseContract(spec.listSchema, { ...(query as object) });
      return this.requester.request(spec.patterns.list, input, { correlationId });
    }

    @Get(':id')
    @ApiOperation({ summary: `Get one ${spec.noun}` })
    @ApiParam({ name: 'id', format: 'uuid' })
    get(@Param() params: unknown, @CorrelationId() correlationId: string) {
      const { id } = parseContract(IdParamSchema, params);
      return this.requester.request(spec.patterns.get, { id }, { correlationId, key: id });
    }

    @Patch(':id')
    @ApiOperation({ summary: `Change a ${spec.noun}` })
    @ApiParam({ name: 'id', format: 'uuid' })
    @ApiBody({ schema: openApiSchema(spec.updateSchema) })
    update(
      @Param() params: unknown,
      @Body() body: unknown,
      @CorrelationId() correlationId: string,
    ) {
      const { id } = parseContract(IdParamSchema, params);
      const changes = parseContract(spec.updateSchema, body);
      return this.requester.request(
        spec.patterns.update,
        { id, changes },
        { correlationId, key: id },
      );
    }

    @Delete(':id')
    @HttpCode(204)
    @ApiOperation({ summary: `Delete a ${spec.noun}` })
    @ApiParam({ name: 'id', format: 'uuid' })
    async remove(@Param() params: unknown, @CorrelationId() correlationId: string): Promise<void> {
      const { id } = parseContract(IdParamSchema, params);
      await this.requester.request(spec.patterns.delete, { id }, { correlationId, key: id });
    }
  }
  return Routes;
}
