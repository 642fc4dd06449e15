import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_TYPES, type Company, type CreateCompany, type UpdateCompany } from '#contracts';
import { OutboxWriter } from '#outbox';
import { CrudService } from '#service';
import { CompanyEntity } from './company.entity.js';

/** The company as the contract shows it. */
export function toCompany(e: CompanyEntity): Company {
  return {
    id: e.id,
    name: e.name,
    address: e.address ?? null,
    country: e.country ?? null,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

@Injectable()
export class CompanyService extends CrudService<
  CompanyEntity,
  Company,
  CreateCompany,
  UpdateCompany
> {
  constructor(dataSource: DataSource, outbox: OutboxWriter) {
    super(dataSource, outbox, {
      entity: CompanyEntity,
      noun: 'company',
      topic: 'companies.events',
      events: {
        created: EVENT_TYPES.companyCreated,
        updated: EVENT_TYPES.companyUpdated,
        deleted: EVENT_TYPES.companyDeleted,
      },
      searchProperty: 'name',
      toDto: toCompany,
    });
  }
}
