/** The demo's two ways in: the gateway over HTTP, and hire requests on Kafka as another service sends them. */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { EVENT_TOPICS } from '#contracts';
import { mintToken } from '#devstack';

export interface Answer {
  status: number;
  body: any;
}

let token: Promise<string> | undefined;

/** GATEWAY_TOKEN, else a read+write token minted once with the local key (what `npm start` trusts). */
function bearer(): Promise<string> {
  token ??= Promise.resolve(process.env.GATEWAY_TOKEN ?? mintToken({ subject: 'demo' }));
  return token;
}

/** One HTTP call to the gateway with a bearer token; the body parsed when there is one. */
export async function call(
  gateway: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const response = await fetch(`${gateway}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      authorization: `Bearer ${await bearer()}`,
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** POSTs `body` and returns what was created; anything but 201 stops the demo with the answer. */
export async function created(gateway: string, path: string, body: object): Promise<any> {
  const res = await call(gateway, 'POST', path, body);
  if (res.status !== 201)
    throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Puts hire requests on Kafka as any other service would, and waits for each one's outcome event. */
export async function hireOverKafka(
  brokers: string[],
  requests: Array<Record<string, unknown>>,
): Promise<Map<string, any>> {
  const kafka = new Kafka({ clientId: 'demo', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `demo-${randomUUID()}` });
  const producer = kafka.producer();
  const outcomes = new Map<string, any>();
  const wanted = new Set(requests.map((r) => r.requestId as string));
  await Promise.all([consumer.connect(), producer.connect()]);
  await consumer.subscribe({ topic: EVENT_TOPICS.employment, fromBeginning: true });
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        const event = JSON.parse(message.value!.toString());
        if (wanted.has(event.correlationId)) outcomes.set(event.correlationId, event);
        if (outcomes.size === wanted.size) resolve();
      },
    });
  });
  await producer.send({
    topic: EVENT_TOPICS.hireRequests,
    messages: requests.map((r) => ({ key: String(r.personId), value: JSON.stringify(r) })),
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error('no outcome event within 30 s; is the employment service running?')),
      30_000,
    );
  });
  try {
    await Promise.race([done, timeout]);
  } finally {
    clearTimeout(timer);
    await Promise.all([consumer.disconnect(), producer.disconnect()]);
  }
  return outcomes;
}
