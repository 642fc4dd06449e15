import { afterEach, describe, expect, it } from '@jest/globals';
import { noIdleRequestQueueTimer, requestQueueClass } from './no-idle-request-queue-timer.js';

const silent = { debug: () => undefined, warn: () => undefined, error: () => undefined };

/** A kafkajs RequestQueue as a broker connection has one (enforceRequestTimeout off: no interval). */
function requestQueue(maxInFlightRequests: number | null = null) {
  const RequestQueue = requestQueueClass();
  return new RequestQueue({
    maxInFlightRequests,
    requestTimeout: 10_000,
    enforceRequestTimeout: false,
    clientId: 'spec',
    broker: 'broker:9092',
    logger: silent,
  }) as InstanceType<ReturnType<typeof requestQueueClass>> & {
    push(request: object): void;
    maybeThrottle(ms: number): void;
    fulfillRequest(response: object): void;
    destroy(): void;
  };
}

/** A request as kafkajs' Connection pushes it; `sent` counts how often it went to the socket. */
function request(correlationId: number) {
  const sent = { count: 0 };
  const pushed = {
    entry: {
      correlationId,
      apiName: 'Fetch',
      apiKey: 1,
      apiVersion: 11,
      resolve() {},
      reject() {},
    },
    expectResponse: true,
    sendRequest: () => void sent.count++,
  };
  return { pushed, sent };
}

async function until(condition: () => boolean, deadlineMs = 2_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe(noIdleRequestQueueTimer.name, () => {
  const queues: Array<ReturnType<typeof requestQueue>> = [];
  const make = (max: number | null = null) => {
    const queue = requestQueue(max);
    queues.push(queue);
    return queue;
  };
  afterEach(() => queues.splice(0).forEach((queue) => queue.destroy()));

  it('arms no timer on a connection with nothing pending (kafkajs arms a 1 ms one, forever)', () => {
    noIdleRequestQueueTimer();
    const queue = make();
    queue.checkPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });

  it('still sends a request the broker throttled once the throttle ends', async () => {
    noIdleRequestQueueTimer();
    const queue = make();
    queue.maybeThrottle(30);
    const { pushed, sent } = request(1);
    queue.push(pushed);
    expect(sent.count).toBe(0);
    await until(() => sent.count === 1);
    // Sent and nothing else pending: no timer left behind.
    await until(() => queue.throttleCheckTimeoutId === null);
  });

  it('still sends a request that waited for an in-flight slot when the slot frees', () => {
    noIdleRequestQueueTimer();
    const queue = make(1);
    const first = request(1);
    const second = request(2);
    queue.push(first.pushed);
    queue.push(second.pushed);
    expect([first.sent.count, second.sent.count]).toEqual([1, 0]);
    queue.fulfillRequest({ correlationId: 1, payload: Buffer.alloc(0), size: 0 });
    expect(second.sent.count).toBe(1);
  });
});
