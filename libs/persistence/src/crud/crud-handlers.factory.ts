import { Controller, Inject, UseInterceptors, type Type } from '@nestjs/common';
import { Ctx, KafkaContext, MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import { IdParamSchema, IdSchema, IdsRequestSchema, parseContract } from '#contracts';
import { RpcReplyInterceptor, writeContextOf } from '#messaging';
import type { CrudListQuery } from './crud-aggregate.js';
import type { CrudService } from './crud.service.js';

// Any entity type: the handlers only pass parsed input through to the service.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCrudService = CrudService<any, unknown, object, object>;

export interface CrudHandlersSpec {
  patterns: {
    create: string;
    get: string;
    findByIds: string;
    list: string;
    update: string;
    delete: string;
  };
  createSchema: z.ZodType<object>;
  updateSchema: z.ZodType<object>;
  listSchema: z.ZodType<CrudListQuery>;
  service: Type<AnyCrudService>;
}

/** Builds the thin Kafka request/reply handlers of a CRUD aggregate: parse, call one method, return. */
export function CrudHandlers(spec: CrudHandlersSpec): Type<object> {
  const updateRequest = z.strictObject({ id: IdSchema, changes: spec.updateSchema });

  @Controller()
  @UseInterceptors(RpcReplyInterceptor)
  class Handlers {
    constructor(@Inject(spec.service) private readonly service: AnyCrudService) {}

    @MessagePattern(spec.patterns.create)
    create(@Payload() payload: unknown, @Ctx() ctx: KafkaContext) {
      return this.service.create(parseContract(spec.createSchema, payload), writeContextOf(ctx));
    }

    @MessagePattern(spec.patterns.get)
    get(@Payload() payload: unknown) {
      return this.service.get(parseContract(IdParamSchema, payload).id);
    }

    @MessagePattern(spec.patterns.findByIds)
    findByIds(@Payload() payload: unknown) {
      return this.service.findByIds(parseContract(IdsRequestSchema, payload).ids);
    }

    @MessagePattern(spec.patterns.list)
    list(@Payload() payload: unknown) {
      return this.service.list(parseContract(spec.listSchema, payload));
    }

    @MessagePattern(spec.patterns.update)
    update(@Payload() payload: unknown, @Ctx() ctx: KafkaContext) {
      const { id, changes } = parseContract(updateRequest, payload);
      return this.service.update(id, changes, writeContextOf(ctx));
    }

    @MessagePattern(spec.patterns.delete)
    remove(@Payload() payload: unknown, @Ctx() ctx: KafkaContext) {
      return this.service.remove(parseContract(IdParamSchema, payload).id, writeContextOf(ctx));
    }
  }
  return Handlers;
}
