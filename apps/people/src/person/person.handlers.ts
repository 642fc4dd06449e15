import { Controller } from '@nestjs/common';
import { KafkaContext, MessagePattern } from '@nestjs/microservices';
import {
  CreatePersonSchema,
  IdParamSchema,
  IdsRequestSchema,
  ListPeopleQuerySchema,
  UpdatePersonRequestSchema,
  parseContract,
} from '#contracts';
import { writeContextOf } from '#messaging';
import { PersonService } from './person.service.js';

/**
 * Request/reply handlers of the `people.*` patterns, called by the router (errors become replies
 * there): parse, call one service method, return.
 */
@Controller()
export class PersonHandlers {
  constructor(private readonly persons: PersonService) {}

  @MessagePattern('people.create')
  create(payload: unknown, ctx: KafkaContext) {
    return this.persons.create(parseContract(CreatePersonSchema, payload), writeContextOf(ctx));
  }

  @MessagePattern('people.get')
  get(payload: unknown) {
    return this.persons.get(parseContract(IdParamSchema, payload).id);
  }

  @MessagePattern('people.find-by-ids')
  findByIds(payload: unknown) {
    return this.persons.findByIds(parseContract(IdsRequestSchema, payload).ids);
  }

  @MessagePattern('people.list')
  list(payload: unknown) {
    return this.persons.list(parseContract(ListPeopleQuerySchema, payload));
  }

  @MessagePattern('people.update')
  update(payload: unknown, ctx: KafkaContext) {
    const { id, changes } = parseContract(UpdatePersonRequestSchema, payload);
    return this.persons.update(id, changes, writeContextOf(ctx));
  }

  @MessagePattern('people.delete')
  remove(payload: unknown, ctx: KafkaContext) {
    return this.persons.remove(parseContract(IdParamSchema, payload).id, writeContextOf(ctx));
  }
}
