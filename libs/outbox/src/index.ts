export * from './outbox-message.entity.js';
export * from './outbox-migration.js';
export * from './add-outbox-traceparent.migration.js';
export * from './outbox.writer.js';
export * from './outbox-relay.js';
export * from './outbox.module.js';
export * from './outbox-metrics.js';
