import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ServiceDataSourceOptions } from './data-source-options.js';
import { ensureDatabase } from './ensure-database.js';
import { IdempotencyKeyPruner } from './idempotency/idempotency-key-pruner.js';
import { observeConnectionPool } from './metrics/database-metrics.js';
import { runMigrationsLocked } from './run-migrations.js';

/** The service's own database: created if missing, migrated on start under a lock, old idempotency keys pruned. */
@Module({})
export class ServiceDatabaseModule {
  static forRoot(options: ServiceDataSourceOptions): DynamicModule {
    return {
      module: ServiceDatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => options,
          dataSourceFactory: async (opts) => {
            await ensureDatabase(options.url);
            const dataSource = await new DataSource(opts!).initialize();
            await runMigrationsLocked(dataSource);
            observeConnectionPool(new URL(options.url).pathname.slice(1), dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [IdempotencyKeyPruner],
    };
  }
}
