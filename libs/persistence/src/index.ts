export * from './ensure-database.js';
export * from './data-source-options.js';
export * from './run-migrations.js';
export * from './pg-errors.js';
export * from './service-database.module.js';
export * from './crud/crud-aggregate.js';
export * from './crud/crud.service.js';
export * from './crud/crud-handlers.factory.js';
