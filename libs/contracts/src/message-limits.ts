import { z } from 'zod';
import type { RpcReply } from './rpc.js';

/** The largest message value a consumer parses (Kafka's own default `max.message.bytes` is 1 MiB). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** JSON of one message value, or why it is unusable; never throws, never parses more than `maxBytes`. */
export function parseMessageJson(
  value: Buffer | null | undefined,
  maxBytes = MAX_MESSAGE_BYTES,
): { json: unknown } | { unreadable: string } {
  if (!value || value.length === 0) return { unreadable: 'value is not JSON' };
  if (value.length > maxBytes) {
    return { unreadable: `value is ${value.length} bytes, over the ${maxBytes} allowed` };
  }
  const text = value.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { unreadable: 'value is not JSON' };
  }
  // In JSON a NUL can only be the escape \u0000; PostgreSQL stores it in neither text nor jsonb.
  if (/(^|[^\\])(\\\\)*\\u0000/.test(text))
    return { unreadable: 'value contains a NUL character (\\u0000)' };
  return { json };
}

const RpcErrorSchema = z.object({
  status: z.int().min(400).max(599),
  code: z.string().min(1).max(100),
  title: z.string().max(200),
  detail: z.string().max(2000),
});

/** The shape of every request/reply answer, checked before the asking side uses it. */
export const RpcReplySchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: RpcErrorSchema }),
]);

/** A reply value as an RpcReply, or undefined when it is not one. */
export function parseRpcReply(value: Buffer | null): RpcReply<unknown> | undefined {
  const parsed = parseMessageJson(value);
  if (!('json' in parsed)) return undefined;
  const reply = RpcReplySchema.safeParse(parsed.json);
  return reply.success ? (reply.data as RpcReply<unknown>) : undefined;
}
