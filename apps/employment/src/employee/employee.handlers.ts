import { Controller, UseInterceptors } from '@nestjs/common';
import { Ctx, KafkaContext, MessagePattern, Payload } from '@nestjs/microservices';
import {
  EMPLOYMENT_PATTERNS,
  HireSchema,
  IdParamSchema,
  ListEmployeesQuerySchema,
  parseContract,
} from '#contracts';
import { RpcReplyInterceptor, writeContextOf } from '#messaging';
import { HiringService } from '../hiring/hiring.service.js';
import { EmployeeService } from './employee.service.js';

/** Request/reply handlers of `employment.*` patterns. */
@Controller()
@UseInterceptors(RpcReplyInterceptor)
export class EmployeeHandlers {
  constructor(
    private readonly hiring: HiringService,
    private readonly employees: EmployeeService,
  ) {}

  @MessagePattern(EMPLOYMENT_PATTERNS.hire)
  hire(@Payload() payload: unknown, @Ctx() ctx: KafkaContext) {
    return this.hiring.hire(parseContract(HireSchema, payload), writeContextOf(ctx));
  }

  @MessagePattern(EMPLOYMENT_PATTERNS.get)
  get(@Payload() payload: unknown) {
    return this.employees.get(parseContract(IdParamSchema, payload).id);
  }

  @MessagePattern(EMPLOYMENT_PATTERNS.list)
  list(@Payload() payload: unknown) {
    return this.employees.list(parseContract(ListEmployeesQuerySchema, payload));
  }

  @MessagePattern(EMPLOYMENT_PATTERNS.terminate)
  terminate(@Payload() payload: unknown, @Ctx() ctx: KafkaContext) {
    return this.employees.terminate(parseContract(IdParamSchema, payload).id, writeContextOf(ctx));
  }
}
