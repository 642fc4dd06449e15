import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { WakeupSignal } from './wakeup-signal.js';

/** Tracks whether a promise has settled without awaiting it. */
function track(promise: Promise<void>): { settled: boolean } {
  const state = { settled: false };
  void promise.then(() => {
    state.settled = true;
  });
  return state;
}

describe(WakeupSignal.name, () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('resolves at once when notified before wait, without starting a timer', async () => {
    const signal = new WakeupSignal();
    signal.notify();
    const wait = track(signal.wait(60_000));
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(0);
    expect(wait.settled).toBe(true);
  });

  it('coalesces several notifies before a wait into one wake-up', async () => {
    const signal = new WakeupSignal();
    signal.notify();
    signal.notify();
    await signal.wait(1000);
    const second = track(signal.wait(1000));
    await jest.advanceTimersByTimeAsync(999);
    expect(second.settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(second.settled).toBe(true);
  });

  it('resolves on timeout when nobody notifies', async () => {
    const signal = new WakeupSignal();
    const wait = track(signal.wait(5000));
    await jest.advanceTimersByTimeAsync(4999);
    expect(wait.settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(wait.settled).toBe(true);
  });

  it('wakes a waiter on notify, clears its timer, and does not carry the notify over', async () => {
    const signal = new WakeupSignal();
    const wait = track(signal.wait(60_000));
    await jest.advanceTimersByTimeAsync(10);
    expect(wait.settled).toBe(false);

    signal.notify();
    await jest.advanceTimersByTimeAsync(0);
    expect(wait.settled).toBe(true);
    expect(jest.getTimerCount()).toBe(0);

    const next = track(signal.wait(1000));
    await jest.advanceTimersByTimeAsync(0);
    expect(next.settled).toBe(false);
  });

  it('keeps a notify that arrives after a timed-out wait for the next wait', async () => {
    const signal = new WakeupSignal();
    const first = signal.wait(100);
    await jest.advanceTimersByTimeAsync(100);
    await first;
    signal.notify();
    const next = track(signal.wait(60_000));
    await jest.advanceTimersByTimeAsync(0);
    expect(next.settled).toBe(true);
  });
});
