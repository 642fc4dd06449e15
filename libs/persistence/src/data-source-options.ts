import type { DataSourceOptions } from 'typeorm';

export interface ServiceDataSourceSpec {
  url: string;
  /** The service's own entities, its outbox's among them. */
  entities: Array<new () => object>;
  migrations: DataSourceOptions['migrations'];
  poolSize?: number;
  applicationName: string;
}

export type ServiceDataSourceOptions = Extract<DataSourceOptions, { type: 'postgres' }> & {
  url: string;
};

/** TypeORM options every service uses: its own PostgreSQL database, migrations only (never synchronize). */
export function serviceDataSourceOptions(spec: ServiceDataSourceSpec): ServiceDataSourceOptions {
  return {
    type: 'postgres',
    url: spec.url,
    entities: spec.entities,
    migrations: spec.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    applicationName: spec.applicationName,
    poolSize: spec.poolSize ?? 10,
    extra: { connectionTimeoutMillis: 5000, idleTimeoutMillis: 30000 },
  };
}
