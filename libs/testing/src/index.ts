export * from './test-databases.js';
export * from './topic-recorder.js';
export * from './test-stack.js';
export * from './http-client.js';
export * from './raw-kafka.js';
export * from './run-node.js';
export * from './tcp-fault-proxy.js';
export * from './migrated-database.js';
