import type { KafkaMessage } from 'kafkajs';

/** Where a slice of messages was read, and how to keep this member in its group meanwhile. */
export interface SliceContext {
  topic: string;
  partition: number;
  /** Call in long work so the group does not think this member died. */
  heartbeat(): Promise<void>;
  /** False once the consumer stops or this member lost the partition: give up the slice. */
  running(): boolean;
}

/** Handles a slice of one partition's messages, in offset order. Throws to fail the slice. */
export type SliceHandler<M = KafkaMessage> = (
  messages: M[],
  context: SliceContext,
) => Promise<void>;

/** Wraps a handler with work that is not the handler's business (Watermill's middleware). */
export type Middleware<In = KafkaMessage, Out = KafkaMessage> = (
  next: SliceHandler<Out>,
) => SliceHandler<In>;

/**
 * `handler` wrapped in `middleware`, the first outermost: the order in which a message meets them
 * is the order in which they are written.
 */
export function compose<H>(middleware: Array<(next: H) => H>, handler: H): H {
  return middleware.reduceRight((next, wrap) => wrap(next), handler);
}

/** An event route's handler wrapped in its middleware, `last` (the parser) innermost. */
export function pipeline<M>(
  middleware: Array<Middleware<KafkaMessage, KafkaMessage>>,
  last: Middleware<KafkaMessage, M>,
  handler: SliceHandler<M>,
): SliceHandler {
  return compose(middleware, last(handler));
}
