export * from './metrics-registry.js';
export * from './metrics-endpoint.js';
export * from './http-metrics.js';
