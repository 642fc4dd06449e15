import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import type { TracerProvider } from '@opentelemetry/api';
import Module, { createRequire } from 'node:module';

/**
 * Spans for PostgreSQL queries made inside a trace, without a lasting hook on `require`.
 *
 * OpenTelemetry's instrumentations patch a module from a hook on every `require` call
 * (require-in-the-middle), which first resolves the id to a file: stat calls and package.json
 * reads, every time. kafkajs `require`s its protocol's request and response modules on every
 * produce and every fetch; behind the hook building one produce request took 28 µs instead of 1
 * (docs/benchmarks.md), on every request/reply leg of every app, sampled or not.
 *
 * So pg is loaded here, while the hook is on, and patched in place (`Client.prototype.query`,
 * pg-pool's `connect`); then `require` gets back what it was. TypeORM loads pg later and gets the
 * same, patched, module from Node's cache.
 */
export function instrumentPg(tracerProvider: TracerProvider): void {
  const unhooked = { require: Module.prototype.require, builtin: process.getBuiltinModule };
  try {
    registerInstrumentations({
      tracerProvider,
      instrumentations: [
        // Queries outside a trace (the relay's polling, the backlog sampler) make no trace of their own.
        new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
      ],
    });
    createRequire(import.meta.url)('pg');
  } finally {
    Module.prototype.require = unhooked.require;
    if (unhooked.builtin) process.getBuiltinModule = unhooked.builtin;
  }
}
