import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { Consumer } from 'kafkajs';
import { restartWhenCrashedForGood } from './consumer-restarts.js';

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

describe(restartWhenCrashedForGood.name, () => {
  const logger = new Logger('test');
  beforeEach(() => {
    jest.useFakeTimers();
    jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    jest.spyOn(logger, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('starts the consumer again after a crash kafkajs will not restart, retrying a failed start', async () => {
    const { consumer, crash } = crashingConsumer();
    let starts = 0;
    const start = jest.fn(async () => {
      if (++starts === 1) throw new Error('broker still down');
    });
    restartWhenCrashedForGood(consumer, start, logger, () => false);

    crash(false);
    await jest.advanceTimersByTimeAsync(1000);
    expect(start).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(2000);
    expect(start).toHaveBeenCalledTimes(2);
    expect(logger.log).toHaveBeenCalledWith('consumer running again');
  });

  it('tries again at least every 1 s however long the broker stays away', async () => {
    const { consumer, crash } = crashingConsumer();
    let down = true;
    const start = jest.fn(async () => {
      if (down) throw new Error('broker still down');
    });
    restartWhenCrashedForGood(consumer, start, logger, () => false);
    crash(false);
    await jest.advanceTimersByTimeAsync(60_000);
    const tries = start.mock.calls.length;
    expect(tries).toBeGreaterThanOrEqual(58);
    down = false;
    await jest.advanceTimersByTimeAsync(1_000);
    expect(start).toHaveBeenCalledTimes(tries + 1);
    expect(logger.log).toHaveBeenCalledWith('consumer running again');
  });

  it('leaves crashes kafkajs restarts itself, and stopped consumers, alone', async () => {
    const { consumer, crash } = crashingConsumer();
    const start = jest.fn(async () => undefined);
    let stopped = false;
    restartWhenCrashedForGood(consumer, start, logger, () => stopped);
    crash(true);
    stopped = true;
    crash(false);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(start).not.toHaveBeenCalled();
  });
});
