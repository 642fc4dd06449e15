import {
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
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { IdParamSchema, parseContract, type ErrorCode, type Page } from '#contracts';
import { KafkaRequester } from '#messaging';
import { CorrelationId } from '../http/correlation-id.decorator.js';
import { IdempotencyKey } from '../http/idempotency-key.decorator.js';
import {
  ApiAnswer,
  ApiOperationNamed,
  ApiProblems,
  idempotencyDocs,
} from '../openapi/route-docs.js';

export interface CrudRoutesSpec {
  path: string;
  noun: string;
  /** Names in operation ids: `createPerson`, `listPeople`. */
  names: { one: string; many: string };
  patterns: { create: string; get: string; list: string; update: string; delete: string };
  createSchema: z.ZodType;
  updateSchema: z.ZodType;
  listSchema: z.ZodObject;
  /** What the routes answer: one item, and a page of them. */
  itemSchema: z.ZodType;
  pageSchema: z.ZodType;
  /** 409 codes of create and update (EMAIL_TAKEN for people). */
  conflicts?: ErrorCode[];
}

const VALIDATION: ErrorCode[] = ['VALIDATION_FAILED'];
const NOT_FOUND: ErrorCode[] = ['NOT_FOUND'];

/** HTTP routes of a CRUD aggregate, each forwarded over Kafka request/reply to the owning service. */
export function CrudRoutes(spec: CrudRoutesSpec): Type<object> {
  const conflicts = spec.conflicts?.length ? { 409: spec.conflicts } : {};
  const { one, many } = spec.names;

  @ApiTags(spec.path)
  @Controller(spec.path)
  class Routes {
    constructor(readonly requester: KafkaRequester) {}

    @Post()
    @ApiOperationNamed(`create${one}`, `Create a ${spec.noun}`)
    @ApiAnswer(201, spec.itemSchema, `the new ${spec.noun}`)
    @ApiProblems({ 400: VALIDATION, ...conflicts })
    @idempotencyDocs
    create(
      @Body({ schema: spec.createSchema }) body: unknown,
      @CorrelationId() correlationId: string,
      @IdempotencyKey() idempotencyKey?: string,
    ) {
      const input = parseContract(spec.createSchema, body);
      return this.requester.request(spec.patterns.create, input, { correlationId, idempotencyKey });
    }

    @Get()
    @ApiOperationNamed(`list${many}`, `List ${spec.path} with filters and paging`)
    @ApiAnswer(200, spec.pageSchema, `a page of ${spec.path}`)
    @ApiProblems({ 400: VALIDATION })
    list(
      @Query({ schema: spec.listSchema }) query: unknown,
      @CorrelationId() correlationId: string,
    ): Promise<Page<unknown>> {
      const input = parseContract(spec.listSchema, { ...(query as object) });
      return this.requester.request(spec.patterns.list, input, { correlationId });
    }

    @Get(':id')
    @ApiOperationNamed(`get${one}`, `Get one ${spec.noun}`)
    @ApiAnswer(200, spec.itemSchema, `the ${spec.noun}`)
    @ApiProblems({ 400: VALIDATION, 404: NOT_FOUND })
    get(@Param({ schema: IdParamSchema }) params: unknown, @CorrelationId() correlationId: string) {
      const { id } = parseContract(IdParamSchema, params);
      return this.requester.request(spec.patterns.get, { id }, { correlationId, key: id });
    }

    @Patch(':id')
    @ApiOperationNamed(`update${one}`, `Change a ${spec.noun}`)
    @ApiAnswer(200, spec.itemSchema, `the changed ${spec.noun}`)
    @ApiProblems({ 400: VALIDATION, 404: NOT_FOUND, ...conflicts })
    update(
      @Param({ schema: IdParamSchema }) params: unknown,
      @Body({ schema: spec.updateSchema }) body: unknown,
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
    @ApiOperationNamed(`delete${one}`, `Delete a ${spec.noun}`)
    @ApiResponse({ status: 204, description: `the ${spec.noun} is deleted` })
    @ApiProblems({ 400: VALIDATION, 404: NOT_FOUND })
    async remove(
      @Param({ schema: IdParamSchema }) params: unknown,
      @CorrelationId() correlationId: string,
    ): Promise<void> {
      const { id } = parseContract(IdParamSchema, params);
      await this.requester.request(spec.patterns.delete, { id }, { correlationId, key: id });
    }
  }
  return Routes;
}
