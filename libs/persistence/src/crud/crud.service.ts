import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';
import { In } from 'typeorm';
import { createEnvelope, type EventType, type Page } from '#contracts';
import { OutboxWriter, RpcFailure, type WriteContext } from '#messaging';
import { guardedWrite, type Idempotency } from '../idempotency/guarded-write.js';
import { uniqueViolation } from '../pg-errors.js';
import type { CrudAggregate, CrudListQuery } from './crud-aggregate.js';

/** What differs between CRUD aggregates; the rest is CrudService. */
export interface CrudSpec<E extends CrudAggregate, D> {
  entity: EntityTarget<E>;
  /** Human name in errors: "person", "company". */
  noun: string;
  topic: string;
  events: { created: EventType; updated: EventType; deleted: EventType };
  /** Entity property matched by the `q` filter (case-insensitive substring). */
  searchProperty: string;
  toDto(entity: E): D;
  /** Maps a violated unique constraint to a typed failure (e.g. EMAIL_TAKEN). */
  onUniqueViolation?(constraint: string): RpcFailure | undefined;
}

/**
 * Create, read, list, update and delete for an aggregate whose every committed change
 * writes its event to the outbox in the same transaction.
 */
export class CrudService<E extends CrudAggregate, D, C extends object, U extends object> {
  constructor(
    protected readonly dataSource: DataSource,
    protected readonly outbox: OutboxWriter,
    protected readonly spec: CrudSpec<E, D>,
  ) {}

  /** Creates the aggregate; once per Idempotency-Key when the context carries one. */
  async create(input: C, context: WriteContext): Promise<D> {
    const now = new Date();
    const entity = { ...input, id: randomUUID(), createdAt: now, updatedAt: now } as unknown as E;
    return this.write(
      context,
      async (manager) => {
        await manager.insert(this.spec.entity, entity as never);
        return this.publish(manager, this.spec.events.created, entity, context.correlationId);
      },
      { scope: `${this.spec.noun}.create`, request: input },
    );
  }

  async get(id: string): Promise<D> {
    const entity = await this.dataSource.manager.findOneBy(this.spec.entity, {
      id,
    } as FindOptionsWhere<E>);
    if (!entity) throw RpcFailure.notFound(this.spec.noun, id);
    return this.spec.toDto(entity);
  }

  /** The aggregates among `ids` that exist (missing ones are simply absent). */
  async findByIds(ids: string[]): Promise<D[]> {
    if (ids.length === 0) return [];
    const found = await this.dataSource.manager.findBy(this.spec.entity, {
      id: In([...new Set(ids)]),
    } as FindOptionsWhere<E>);
    return found.map((e) => this.spec.toDto(e));
  }

  async list(query: CrudListQuery): Promise<Page<D>> {
    const qb = this.dataSource.manager.createQueryBuilder(this.spec.entity, 'a');
    if (query.country)
      qb.andWhere('lower(a.country) = lower(:country)', { country: query.country });
    if (query.q) {
      qb.andWhere(`a.${this.spec.searchProperty} ILIKE :q ESCAPE '\\'`, {
        q: `%${escapeLike(query.q)}%`,
      });
    }
    qb.orderBy('a.createdAt', 'ASC').addOrderBy('a.id', 'ASC').skip(query.offset).take(query.limit);
    const [items, total] = await qb.getManyAndCount();
    return {
      items: items.map((e) => this.spec.toDto(e)),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async update(id: string, changes: U, context: WriteContext): Promise<D> {
    return this.write(context, async (manager) => {
      const entity = await this.lockOrFail(manager, id);
      Object.assign(entity, changes, { updatedAt: new Date() });
      await manager.save(this.spec.entity, entity);
      return this.publish(manager, this.spec.events.updated, entity, context.correlationId);
    });
  }

  async remove(id: string, context: WriteContext): Promise<D> {
    return this.write(context, async (manager) => {
      const entity = await this.lockOrFail(manager, id);
      await manager.delete(this.spec.entity, { id } as FindOptionsWhere<E>);
      return this.publish(manager, this.spec.events.deleted, entity, context.correlationId);
    });
  }

  private async lockOrFail(manager: EntityManager, id: string): Promise<E> {
    const entity = await manager.findOne(this.spec.entity, {
      where: { id } as FindOptionsWhere<E>,
      lock: { mode: 'pessimistic_write' },
    });
    if (!entity) throw RpcFailure.notFound(this.spec.noun, id);
    return entity;
  }

  private async publish(
    manager: EntityManager,
    type: EventType,
    entity: E,
    correlationId: string | null,
  ): Promise<D> {
    const dto = this.spec.toDto(entity);
    await this.outbox.append(
      manager,
      this.spec.topic,
      createEnvelope(type, entity.id, dto, correlationId),
    );
    return dto;
  }

  private async write<T>(
    context: WriteContext,
    work: (manager: EntityManager) => Promise<T>,
    idempotency?: Idempotency,
  ): Promise<T> {
    try {
      return await guardedWrite(this.dataSource, context, work, idempotency);
    } catch (error) {
      const constraint = uniqueViolation(error);
      const mapped =
        constraint !== undefined ? this.spec.onUniqueViolation?.(constraint) : undefined;
      throw mapped ?? error;
    }
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
