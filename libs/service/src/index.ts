export * from './crud/crud-aggregate.js';
export * from './crud/crud.service.js';
export * from './service-health.controller.js';
