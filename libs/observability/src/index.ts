export * from './metrics-registry.js';
export * from './metrics-endpoint.js';
export * from './http-metrics.js';
export * from './logging/log-context.js';
export * from './logging/app-logger.js';
export * from './logging/nest-pino-logger.js';
export * from './logging/http-log-context.js';
