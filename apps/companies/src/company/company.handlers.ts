import { Controller, UseInterceptors } from '@nestjs/common';
import { Ctx, KafkaContext, MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateCompanySchema,
  IdParamSchema,
  IdsRequestSchema,
  ListCompaniesQuerySchema,
  UpdateCompanyRequestSchema,
  parseContract,
} from '#contracts';
import { RpcReplyInterceptor, writeContextOf } from '#messaging';
import { CompanyService } from './company.service.js';

/** Request/reply handlers of the `companies.*` patterns: parse, call one service method, return. */
@Controller()
@UseInterceptors(RpcReplyInterceptor)
export class CompanyHandlers {
  constructor(private readonly companies: CompanyService) {}

  @MessagePattern('companies.create')
  create(@Payload() payload: unknown, @Ctx() ctx: KafkaContext) {
    return this.companies.create(parseContract(CreateCompanySchema, payload), writeContextOf(ctx));
  }

  @MessagePattern('companies.get')
  get(@Payload() payload: unknown) {
    return this.companies.get(parseContract(IdParamSchema, payload).id);
  }

  @MessagePattern('companies.find-by-ids')
  findByIds(@Payload() payload: unknown) {
    return this.companies.findByIds(parseContract(IdsRequestSchema, payload).ids);
  }

  @MessagePattern('companies.list')
  list(@Payload() payload: unknown) {
    return this.companies.list(parseContract(ListCompaniesQuerySchema, payload));
  }

  @MessagePattern('companies.update')
  update(@Payload() payload: unknown, @Ctx() ctx: KafkaContext) {
    const { id, changes } = parseContract(UpdateCompanyRequestSchema, payload);
    return this.companies.update(id, changes, writeContextOf(ctx));
  }

  @MessagePattern('companies.delete')
  remove(@Payload() payload: unknown, @Ctx() ctx: KafkaContext) {
    return this.companies.remove(parseContract(IdParamSchema, payload).id, writeContextOf(ctx));
  }
}
