import type { KafkaMessage } from 'kafkajs';
import type { SliceContext } from './pipeline.js';

/** Answers one request: the value of its reply (an RpcReply), or throws what goes in the error header. */
export type RequestHandler = (message: KafkaMessage, context: SliceContext) => Promise<unknown>;

/** Wraps a request handler with work that is not the handler's business. */
export type RequestMiddleware = (next: RequestHandler) => RequestHandler;
