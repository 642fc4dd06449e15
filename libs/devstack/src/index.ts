export * from './kafka-broker.js';
export * from './app-process.js';
export * from './wait-for.js';
export * from './repo-root.js';
export * from './free-port.js';
export * from './local-auth.js';
export * from './local-databases.js';
