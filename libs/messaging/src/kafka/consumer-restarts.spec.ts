import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { CONSUMER_RETRY, restartAfterCrash } from './consumer-restarts.js';

type CrashListener = (event: { payload: { error: Error; restart: boolean } }) => void;

function crashingConsumer() {
  let listener: CrashListener | undefined;
  const consumer = {
    events: { CRASH: 'consumer.crash' },
    on: (_event: string, l: CrashListener) => {
      listener = l;
      return () => undefined;
    },
  } as unknown as Consumer;
  const crash = (restart: boolean) =>
    listener!({ payload: { error: new Error('Failed to find group coordinator'), restart } });
  return { consumer, crash };
}

describe(restartAfterCrash.name, () => {
  const logger = new Logger('test');
  beforeEach(() => {
    jest.useFakeTimers();
    jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    jest.spyOn(logger, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('starts the consumer again 100 ms after a crash, retrying a failed start', async () => {
    const { consumer, crash } = crashingConsumer();
    let starts = 0;
    const start = jest.fn(async () => {
      if (++starts === 1) throw new Error('broker still down');
    });
    restartAfterCrash(consumer, start, logger, () => false);

    crash(false);
    await jest.advanceTimersByTimeAsync(100);
    expect(start).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(200);
    expect(start).toHaveBeenCalledTimes(2);
    expect(logger.log).toHaveBeenCalledWith('consumer running again');
  });

  it('tries again at least every 0.5 s however long the broker stays away', async () => {
    const { consumer, crash } = crashingConsumer();
    let down = true;
    const start = jest.fn(async () => {
      if (down) throw new Error('broker still down');
    });
    restartAfterCrash(consumer, start, logger, () => false);
    crash(false);
    await jest.advanceTimersByTimeAsync(60_000);
    const tries = start.mock.calls.length;
    expect(tries).toBeGreaterThanOrEqual(115);
    down = false;
    await jest.advanceTimersByTimeAsync(500);
    expect(start).toHaveBeenCalledTimes(tries + 1);
    expect(logger.log).toHaveBeenCalledWith('consumer running again');
  });

  it('restarts a crash after 100 ms even when failed starts had backed off to 0.5 s', async () => {
    const { consumer, crash } = crashingConsumer();
    let down = true;
    const start = jest.fn(async () => {
      if (down) throw new Error('broker still down');
      crash(false); // the broker answers, but the group's coordinator is still loading
    });
    restartAfterCrash(consumer, start, logger, () => false);
    crash(false);
    await jest.advanceTimersByTimeAsync(20_000);
    down = false;
    await jest.advanceTimersByTimeAsync(500); // the next try after 0.5 s: it starts, then crashes
    const tries = start.mock.calls.length;
    await jest.advanceTimersByTimeAsync(100);
    expect(start).toHaveBeenCalledTimes(tries + 1);
  });

  it('backs off to 0.5 s between crashes that follow each other', async () => {
    const { consumer, crash } = crashingConsumer();
    const start = jest.fn(async () => crash(false));
    restartAfterCrash(consumer, start, logger, () => false);
    crash(false);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(start.mock.calls.length).toBeLessThanOrEqual(22);
    expect(start.mock.calls.length).toBeGreaterThanOrEqual(18);
  });

  it('leaves crashes kafkajs restarts itself, and stopped consumers, alone', async () => {
    const { consumer, crash } = crashingConsumer();
    const start = jest.fn(async () => undefined);
    let stopped = false;
    restartAfterCrash(consumer, start, logger, () => stopped);
    crash(true);
    stopped = true;
    crash(false);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(start).not.toHaveBeenCalled();
  });
});

/** A port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs a real kafkajs consumer against a broker that is down and returns its crash event. */
async function crashOnce(retry?: typeof CONSUMER_RETRY) {
  const kafka = new Kafka({
    brokers: [`127.0.0.1:${await closedPort()}`],
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: 'restart-spec', retry });
  const crashed = new Promise<{ error: Error; restart: boolean }>((resolve) =>
    consumer.on(consumer.events.CRASH, ({ payload }) => resolve(payload)),
  );
  await consumer.run({ eachMessage: async () => undefined });
  const payload = await crashed;
  await consumer.disconnect(); // clears the restart kafkajs may have scheduled
  return payload;
}

describe('CONSUMER_RETRY', () => {
  it('keeps kafkajs from restarting a crashed consumer after its own (2 s) delay: restartAfterCrash does', async () => {
    const withDefaults = await crashOnce();
    expect(withDefaults.restart).toBe(true); // what kafkajs does on its own: the crash is retriable
    const ours = await crashOnce(CONSUMER_RETRY);
    expect(ours.error.name).toBe(withDefaults.error.name);
    expect(ours.restart).toBe(false);
  });

  it('waits at most 0.5 s between the retries of a running consumer, about 3 s in all', () => {
    const { initialRetryTime, maxRetryTime, retries } = CONSUMER_RETRY;
    expect(maxRetryTime).toBeLessThanOrEqual(500);
    let total = 0;
    for (
      let i = 0, wait = initialRetryTime!;
      i < retries!;
      i++, wait = Math.min(wait * 2, maxRetryTime!)
    )
      total += wait;
    expect(total).toBeGreaterThanOrEqual(3_000);
    expect(total).toBeLessThanOrEqual(3_500);
  });
});
