import {
  EXCEPTION_FILTERS_METADATA,
  GUARDS_METADATA,
  INTERCEPTORS_METADATA,
  PIPES_METADATA,
} from '@nestjs/common/constants.js';
import type { KafkaContext } from '@nestjs/microservices';
import { PATTERN_METADATA } from '@nestjs/microservices/constants.js';

/** A `@MessagePattern` method of a request route's handler class, bound to its instance. */
export type PatternHandler = (payload: unknown, context: KafkaContext) => unknown;

const ENHANCERS = [
  [INTERCEPTORS_METADATA, '@UseInterceptors'],
  [GUARDS_METADATA, '@UseGuards'],
  [PIPES_METADATA, '@UsePipes'],
  [EXCEPTION_FILTERS_METADATA, '@UseFilters'],
] as const;

/**
 * The `@MessagePattern` methods of `instance` by topic. The router calls them itself (Nest's
 * pipeline would hand errors to its own exception filter first), so it refuses to start when they
 * and `topics` differ, when Nest registered a pattern elsewhere (`registered`, every pattern of
 * the app's controllers) or when a Nest enhancer that would not run is on the class or a method.
 */
export function patternHandlers(
  instance: object,
  topics: readonly string[],
  registered: Iterable<string>,
): Map<string, PatternHandler> {
  const methods = instance as Record<string, unknown>;
  const handlers = new Map<string, PatternHandler>();
  const enhanced: string[] = enhancersOn(instance.constructor, instance.constructor.name);
  for (const name of methodNames(instance)) {
    const method = methods[name];
    if (typeof method !== 'function') continue;
    const patterns = (Reflect.getMetadata(PATTERN_METADATA, method) as unknown[]) ?? [];
    for (const pattern of patterns) handlers.set(String(pattern), method.bind(instance));
    if (patterns.length > 0) enhanced.push(...enhancersOn(method, name));
  }
  const missing = topics.filter((topic) => !handlers.has(topic));
  const unrouted = [...new Set([...handlers.keys(), ...registered])].filter(
    (pattern) => !topics.includes(pattern),
  );
  if (missing.length > 0 || unrouted.length > 0) {
    throw new Error(
      `routes and @MessagePattern handlers differ: no handler for [${missing.join(', ')}], ` +
        `not routed: [${unrouted.join(', ')}]`,
    );
  }
  if (enhanced.length > 0) {
    throw new Error(
      `the router calls request handlers itself; would not run: ${enhanced.join(', ')}`,
    );
  }
  return handlers;
}

/** The names of the methods of `instance`'s class and the classes it extends, as Nest reads them. */
function methodNames(instance: object): Set<string> {
  const names = new Set<string>();
  for (
    let prototype = Object.getPrototypeOf(instance) as object | null;
    prototype && prototype !== Object.prototype;
    prototype = Object.getPrototypeOf(prototype) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(prototype)) {
      if (name !== 'constructor') names.add(name);
    }
  }
  return names;
}

function enhancersOn(target: object, name: string): string[] {
  return ENHANCERS.flatMap(([key, decorator]) =>
    ((Reflect.getMetadata(key, target) as unknown[]) ?? []).length > 0
      ? [`${decorator} on ${name}`]
      : [],
  );
}
