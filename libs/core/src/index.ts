export * from './rpc-errors.js';
export * from './write-context.js';
export * from './transient-errors.js';
export * from './phase-timing.js';
