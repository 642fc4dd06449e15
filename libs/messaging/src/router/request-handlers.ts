import {
  EXCEPTION_FILTERS_METADATA,
  GUARDS_METADATA,
  INTERCEPTORS_METADATA,
  PIPES_METADATA,
} from '@nestjs/common/constants.js';
import { MetadataScanner } from '@nestjs/core';
import type { KafkaContext } from '@nestjs/microservices';
import { ListenerMetadataExplorer } from '@nestjs/microservices/listener-metadata-explorer.js';

/** A `@MessagePattern` method of a request route's handler class, bound to its instance. */
export type PatternHandler = (payload: unknown, context: KafkaContext) => unknown;

const ENHANCERS = [
  [INTERCEPTORS_METADATA, '@UseInterceptors'],
  [GUARDS_METADATA, '@UseGuards'],
  [PIPES_METADATA, '@UsePipes'],
  [EXCEPTION_FILTERS_METADATA, '@UseFilters'],
] as const;

/**
 * Nest's own reader of `@MessagePattern` / `@EventPattern` methods (a class's and those it extends),
 * the one its transports register handlers with: the router finds the methods Nest would.
 */
const listeners = new ListenerMetadataExplorer(new MetadataScanner());

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
  const handlers = new Map<string, PatternHandler>();
  const enhanced: string[] = enhancersOn(instance.constructor, instance.constructor.name);
  for (const { methodKey, targetCallback, patterns } of listeners.explore(instance)) {
    for (const pattern of patterns) handlers.set(String(pattern), targetCallback.bind(instance));
    enhanced.push(...enhancersOn(targetCallback, methodKey));
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

function enhancersOn(target: object, name: string): string[] {
  return ENHANCERS.flatMap(([key, decorator]) =>
    ((Reflect.getMetadata(key, target) as unknown[]) ?? []).length > 0
      ? [`${decorator} on ${name}`]
      : [],
  );
}
