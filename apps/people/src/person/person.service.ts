import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ERROR_CODES,
  EVENT_TYPES,
  type CreatePerson,
  type Person,
  type UpdatePerson,
} from '#contracts';
import { RpcFailure } from '#core';
import { OutboxWriter } from '#outbox';
import { CrudService } from '#service';
import { PersonEntity } from './person.entity.js';

/** The person as the contract shows it. */
export function toPerson(e: PersonEntity): Person {
  return {
    id: e.id,
    fullName: e.fullName,
    email: e.email ?? null,
    address: e.address ?? null,
    country: e.country ?? null,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

@Injectable()
export class PersonService extends CrudService<PersonEntity, Person, CreatePerson, UpdatePerson> {
  constructor(dataSource: DataSource, outbox: OutboxWriter) {
    super(dataSource, outbox, {
      entity: PersonEntity,
      noun: 'person',
      topic: 'people.events',
      events: {
        created: EVENT_TYPES.personCreated,
        updated: EVENT_TYPES.personUpdated,
        deleted: EVENT_TYPES.personDeleted,
      },
      searchProperty: 'fullName',
      toDto: toPerson,
      onUniqueViolation: (constraint) =>
        constraint === 'people_email_unique'
          ? RpcFailure.conflict(ERROR_CODES.emailTaken, 'a person with this email already exists')
          : undefined,
    });
  }
}
