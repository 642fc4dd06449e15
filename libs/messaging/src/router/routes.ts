import type { Type } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import type { EventTopic, RequestTopic } from '#contracts';
import type { Parsed, ParseResult } from './middleware/parse-or-dead-letter.js';
import type { SliceContext } from './pipeline.js';

/**
 * The request topics an app answers. Each is handled by the method of `handlers` whose
 * `@MessagePattern` names it, called by the router as `method(payload, kafkaContext)`; the router
 * refuses to start when a listed topic has no handler or a handler's topic is not listed.
 */
export interface RequestRoutes {
  /** Consumer group: the service's name, shared by its replicas. */
  group: string;
  topics: readonly RequestTopic[];
  /** The Nest controller whose `@MessagePattern` methods answer `topics`. */
  handlers: Type<object>;
}

/** A Nest provider that handles a slice of parsed messages of an event route, in offset order. */
export interface EventHandler<T> {
  handle(messages: Parsed<T>[], context: SliceContext): Promise<void>;
  /**
   * Optional: the readable messages of the slice that comes after the one being handled, for
   * read-only work ahead of time (e.g. asking other services) while that one commits. Must not
   * fail, write or decide anything: the slice is handed to handle() in its turn as always.
   */
  lookAhead?(values: T[]): void;
}

/** Topics read in order by a consumer group of their own, with a dead-letter topic for what fails. */
export interface EventRoute<T = unknown> {
  topics: readonly EventTopic[];
  group: string;
  /** A new group starts at the oldest message (true) or the newest. */
  fromBeginning: boolean;
  /** Reads a message's value; an unreadable one goes to `deadLetterTopic`. */
  parse(message: KafkaMessage): ParseResult<T>;
  handler: Type<EventHandler<T>>;
  /** Most messages one handler call takes (one transaction, bounded verification); default 500. */
  sliceSize?: number;
  /** Where unreadable messages and those that fail for good go, with the reason. */
  deadLetterTopic: EventTopic;
}

/** Every topic an app consumes and what handles it: the one place to read top to bottom. */
export interface AppRoutes {
  requests?: RequestRoutes;
  // Each route has a message type of its own, which its parser and handler agree on (eventRoute).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  events?: readonly EventRoute<any>[];
}

/** An event route, typed so that its parser and its handler agree on the message type. */
export function eventRoute<T>(route: EventRoute<T>): EventRoute<T> {
  return route;
}
