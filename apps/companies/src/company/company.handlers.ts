import { Controller } from '@nestjs/common';
import { KafkaContext, MessagePattern } from '@nestjs/microservices';
import {
  CreateCompanySchema,
  IdParamSchema,
  IdsRequestSchema,
  ListCompaniesQuerySchema,
  UpdateCompanyRequestSchema,
  parseContract,
} from '#contracts';
import { writeContextOf } from '#messaging';
import { CompanyService } from './company.service.js';

/**
 * Request/reply handlers of the `companies.*` patterns, called by the router (errors become
 * replies there): parse, call one service method, return.
 */
@Controller()
export class CompanyHandlers {
  constructor(private readonly companies: CompanyService) {}

  @MessagePattern('companies.create')
  create(payload: unknown, ctx: KafkaContext) {
    return this.companies.create(parseContract(CreateCompanySchema, payload), writeContextOf(ctx));
  }

  @MessagePattern('companies.get')
  get(payload: unknown) {
    return this.companies.get(parseContract(IdParamSchema, payload).id);
  }

  @MessagePattern('companies.find-by-ids')
  findByIds(payload: unknown) {
    return this.companies.findByIds(parseContract(IdsRequestSchema, payload).ids);
  }

  @MessagePattern('companies.list')
  list(payload: unknown) {
    return this.companies.list(parseContract(ListCompaniesQuerySchema, payload));
  }

  @MessagePattern('companies.update')
  update(payload: unknown, ctx: KafkaContext) {
    const { id, changes } = parseContract(UpdateCompanyRequestSchema, payload);
    return this.companies.update(id, changes, writeContextOf(ctx));
  }

  @MessagePattern('companies.delete')
  remove(payload: unknown, ctx: KafkaContext) {
    return this.companies.remove(parseContract(IdParamSchema, payload).id, writeContextOf(ctx));
  }
}
