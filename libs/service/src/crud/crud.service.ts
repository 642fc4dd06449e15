import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import type { DataSource, EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';
import { MAX_IDS_PER_REQUEST, createEnvelope, type EventType, type Page } from '#contracts';
import { RpcFailure, type WriteContext } from '#core';
import { OutboxWriter } from '#outbox';
import { GroupCommit, guardedWrite, uniqueViolation, type GroupedWrite } from '#persistence';
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
  /** Concurrent creates (one fetched batch of requests) share a transaction and multi-row inserts. */
  private readonly creates: GroupCommit<E, D>;

  constructor(
    protected readonly dataSource: DataSource,
    protected readonly outbox: OutboxWriter,
    protected readonly spec: CrudSpec<E, D>,
  ) {
    this.creates = new GroupCommit(dataSource, {
      scope: `${spec.noun}.create`,
      writeAll: (manager, writes) => this.insertAll(manager, writes),
      writeOne: async (manager, write) => (await this.insertAll(manager, [write]))[0],
    });
  }

  // No cache: each load reads the database; only loads made in the same tick are batched.
  private readonly byId = new DataLoader<string, E | undefined>(
    async (ids) => {
      const found = await this.selectByIds([...ids]);
      const byId = new Map(found.map((e) => [e.id, e]));
      return ids.map((id) => byId.get(id));
    },
    { cache: false, maxBatchSize: MAX_IDS_PER_REQUEST },
  );
  private selectByIdsSql?: string;

  /**
   * The aggregates among `ids`, read with one plain statement whose columns are aliased to the
   * entity's properties (built once from TypeORM's metadata): TypeORM's find builder and hydration
   * cost more CPU than the query itself for the service's hottest read.
   */
  private selectByIds(ids: string[]): Promise<E[]> {
    if (!this.selectByIdsSql) {
      const metadata = this.dataSource.getMetadata(this.spec.entity);
      const columns = metadata.columns.map((c) => `"${c.databaseName}" AS "${c.propertyName}"`);
      this.selectByIdsSql = `SELECT ${columns.join(', ')} FROM "${metadata.tableName}" WHERE id = ANY($1::uuid[])`;
    }
    return this.dataSource.query(this.selectByIdsSql, [ids]);
  }

  /** Creates the aggregate; once per Idempotency-Key when the context carries one. */
  async create(input: C, context: WriteContext): Promise<D> {
    const now = new Date();
    const entity = { ...input, id: randomUUID(), createdAt: now, updatedAt: now } as unknown as E;
    try {
      return await this.creates.write(entity, context, input);
    } catch (error) {
      throw this.failureOf(error);
    }
  }

  /** Inserts the entities and their created events with one statement per table. */
  private async insertAll(manager: EntityManager, writes: GroupedWrite<E>[]): Promise<D[]> {
    await manager.insert(
      this.spec.entity,
      writes.map((w) => w.input as never),
    );
    const dtos = writes.map((w) => this.spec.toDto(w.input));
    await this.outbox.append(
      manager,
      this.spec.topic,
      ...writes.map((w, i) =>
        createEnvelope(this.spec.events.created, w.input.id, dtos[i], w.context.correlationId),
      ),
    );
    return dtos;
  }

  /** Reads by id; concurrent gets (a batch of requests) share one `WHERE id IN (...)` query. */
  async get(id: string): Promise<D> {
    const entity = await this.byId.load(id);
    if (!entity) throw RpcFailure.notFound(this.spec.noun, id);
    return this.spec.toDto(entity);
  }

  /** The aggregates among `ids` that exist (missing ones are simply absent). */
  async findByIds(ids: string[]): Promise<D[]> {
    if (ids.length === 0) return [];
    const found = await this.selectByIds([...new Set(ids)]);
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
    return this.write(context, 'update', async (manager) => {
      const entity = await this.lockOrFail(manager, id);
      Object.assign(entity, changes, { updatedAt: new Date() });
      await manager.save(this.spec.entity, entity);
      return this.publish(manager, this.spec.events.updated, entity, context.correlationId);
    });
  }

  async remove(id: string, context: WriteContext): Promise<D> {
    return this.write(context, 'delete', async (manager) => {
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
    verb: 'update' | 'delete',
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    try {
      return await guardedWrite(this.dataSource, context, `${this.spec.noun}.${verb}`, work);
    } catch (error) {
      throw this.failureOf(error);
    }
  }

  /** A violated unique constraint as the aggregate's typed failure (e.g. EMAIL_TAKEN). */
  private failureOf(error: unknown): unknown {
    const constraint = uniqueViolation(error);
    return (constraint !== undefined && this.spec.onUniqueViolation?.(constraint)) || error;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
