import { Controller, UseInterceptors } from '@nestjs/common';
import { Ctx, KafkaContext, MessagePattern, Payload } from '@nestjs/microservices';
import { HireSchema, IdParamSchema, ListEmployeesQuerySchema, parseContract } from '#contracts';
import { RpcReplyInterceptor, writeContextOf } from '#messaging';
import { HiringService } from './hiring/hiring.service.js';
import { EmployeeService } from './employee/employee.service.js';

/** Request/reply handlers of the `employment.*` patterns (hiring and employees): parse, call one service method, return. */
@Controller()
@UseInterceptors(RpcReplyInterceptor)
export class EmploymentHandlers {
  constructor(
    private readonly hiring: HiringService,
    private readonly employees: EmployeeService,
  ) {}

  @MessagePattern('employment.hire')
  hire(@Payload() payload: unknown, @Ctx() ctx: KafkaContext) {
    return this.hiring.hire(parseContract(HireSchema, payload), writeContextOf(ctx));
  }

  @MessagePattern('employment.get')
  get(@Payload() payload: unknown) {
    return this.employees.get(parseContract(IdParamSchema, payload).id);
  }

  @MessagePattern('employment.list')
  list(@Payload() payload: unknown) {
    return this.employees.list(parseContract(ListEmployeesQuerySchema, payload));
  }

  @MessagePattern('employment.terminate')
  terminate(@Payload() payload: unknown, @Ctx() ctx: KafkaContext) {
    return this.employees.terminate(parseContract(IdParamSchema, payload).id, writeContextOf(ctx));
  }
}
