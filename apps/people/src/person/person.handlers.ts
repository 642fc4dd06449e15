import { Controller, UseInterceptors } from '@nestjs/common';
import { Ctx, KafkaContext, MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreatePersonSchema,
  IdParamSchema,
  IdsRequestSchema,
  ListPeopleQuerySchema,
  UpdatePersonRequestSchema,
  parseContract,
} from '#contracts';
import { RpcReplyInterceptor, writeContextOf } from '#messaging';
import { PersonService } from './person.service.js';

/** Request/reply handlers of the `people.*` patterns: parse, call one service method, return. */
@Controller()
@UseInterceptors(RpcReplyInterceptor)
export class PersonHandlers {
  constructor(private readonly persons: PersonService) {}

  @MessagePattern('people.create')
  create(@Payload() payload: unknown, @Ctx() ctx: KafkaContext) {
    return this.persons.create(parseContract(CreatePersonSchema, payload), writeContextOf(ctx));
  }

  @MessagePattern('people.get')
  get(@Payload() payload: unknown) {
    return this.persons.get(parseContract(IdParamSchema, payload).id);
  }

  @MessagePattern('people.find-by-ids')
  findByIds(@Payload() payload: unknown) {
    return this.persons.findByIds(parseContract(IdsRequestSchema, payload).ids);
  }

  @MessagePattern('people.list')
  list(@Payload() payload: unknown) {
    return this.persons.list(parseContract(ListPeopleQuerySchema, payload));
  }

  @MessagePattern('people.update')
  update(@Payload() payload: unknown, @Ctx() ctx: KafkaContext) {
    const { id, changes } = parseContract(UpdatePersonRequestSchema, payload);
    return this.persons.update(id, changes, writeContextOf(ctx));
  }

  @MessagePattern('people.delete')
  remove(@Payload() payload: unknown, @Ctx() ctx: KafkaContext) {
    return this.persons.remove(parseContract(IdParamSchema, payload).id, writeContextOf(ctx));
  }
}
