import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not, type FindOptionsWhere } from 'typeorm';
import {
  EVENT_TYPES,
  createEnvelope,
  type Employee,
  type ListEmployeesQuery,
  type Page,
} from '#contracts';
import { RpcFailure, type WriteContext } from '#core';
import { OutboxWriter } from '#outbox';
import { guardedWrite } from '#persistence';
import { EmployeeEntity, toEmployee } from './employee.entity.js';

/** Reads employments and ends them. */
@Injectable()
export class EmployeeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async get(id: string): Promise<Employee> {
    const employee = await this.dataSource.manager.findOneBy(EmployeeEntity, { id });
    if (!employee) throw RpcFailure.notFound('employee', id);
    return toEmployee(employee);
  }

  async list(query: ListEmployeesQuery): Promise<Page<Employee>> {
    const where: FindOptionsWhere<EmployeeEntity> = {};
    if (query.personId) where.personId = query.personId;
    if (query.companyId) where.companyId = query.companyId;
    if (query.active !== undefined) where.endedAt = query.active ? IsNull() : Not(IsNull());
    const [items, total] = await this.dataSource.manager.findAndCount(EmployeeEntity, {
      where,
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return { items: items.map(toEmployee), total, limit: query.limit, offset: query.offset };
  }

  /** Ends the employment (kept, with endedAt) and emits employee.terminated; ending it again changes nothing. */
  async terminate(id: string, context: WriteContext): Promise<Employee> {
    return guardedWrite(this.dataSource, context, 'employee.terminate', async (manager) => {
      const employee = await manager.findOne(EmployeeEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!employee) throw RpcFailure.notFound('employee', id);
      if (employee.endedAt) return toEmployee(employee);
      employee.endedAt = new Date();
      await manager.save(EmployeeEntity, employee);
      const dto = toEmployee(employee);
      await this.outbox.append(
        manager,
        'employment.events',
        createEnvelope(EVENT_TYPES.employeeTerminated, id, dto, context.correlationId),
      );
      return dto;
    });
  }
}
