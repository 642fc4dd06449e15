import { Controller } from '@nestjs/common';
import { KafkaContext, MessagePattern } from '@nestjs/microservices';
import { HireSchema, IdParamSchema, ListEmployeesQuerySchema, parseContract } from '#contracts';
import { writeContextOf } from '#messaging';
import { HiringService } from './hiring/hiring.service.js';
import { EmployeeService } from './employee/employee.service.js';

/**
 * Request/reply handlers of the `employment.*` patterns (hiring and employees), called by the
 * router (errors become replies there): parse, call one service method, return.
 */
@Controller()
export class EmploymentHandlers {
  constructor(
    private readonly hiring: HiringService,
    private readonly employees: EmployeeService,
  ) {}

  @MessagePattern('employment.hire')
  hire(payload: unknown, ctx: KafkaContext) {
    return this.hiring.hire(parseContract(HireSchema, payload), writeContextOf(ctx));
  }

  @MessagePattern('employment.get')
  get(payload: unknown) {
    return this.employees.get(parseContract(IdParamSchema, payload).id);
  }

  @MessagePattern('employment.list')
  list(payload: unknown) {
    return this.employees.list(parseContract(ListEmployeesQuerySchema, payload));
  }

  @MessagePattern('employment.terminate')
  terminate(payload: unknown, ctx: KafkaContext) {
    return this.employees.terminate(parseContract(IdParamSchema, payload).id, writeContextOf(ctx));
  }
}
