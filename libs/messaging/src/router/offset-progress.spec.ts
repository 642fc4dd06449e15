import { describe, expect, it } from '@jest/globals';
import { OffsetProgress } from './offset-progress.js';

/** A promise settled from outside, as a request's answer is. */
function pending() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(OffsetProgress.name, () => {
  it('never offers an offset past a request still being answered', async () => {
    let offered = 0;
    const progress = new OffsetProgress(() => offered++);
    const answers = [pending(), pending(), pending()];
    answers.forEach((a, i) => progress.start('people.get', 0, String(5 + i), a.promise));

    answers[2].resolve();
    await settle();
    expect(progress.takeCommittable()).toEqual([]);

    answers[0].resolve();
    await settle();
    expect(progress.takeCommittable()).toEqual([
      { topic: 'people.get', partition: 0, offset: '6' },
    ]);
    expect(progress.takeCommittable()).toEqual([]); // offered once

    answers[1].reject(new Error('reply not sent')); // finished all the same
    await settle();
    expect(progress.takeCommittable()).toEqual([
      { topic: 'people.get', partition: 0, offset: '8' },
    ]);
    expect(offered).toBe(2);
  });

  it('knows which offsets it started, per partition', () => {
    const progress = new OffsetProgress(() => undefined);
    progress.start('people.get', 1, '41', pending().promise);
    expect(progress.wasStarted('people.get', 1, '40')).toBe(true);
    expect(progress.wasStarted('people.get', 1, '41')).toBe(true);
    expect(progress.wasStarted('people.get', 1, '42')).toBe(false);
    expect(progress.wasStarted('people.get', 2, '41')).toBe(false);
  });

  it('counts requests in flight and says when none are left', async () => {
    const progress = new OffsetProgress(() => undefined);
    const [a, b] = [pending(), pending()];
    progress.start('t', 0, '0', a.promise);
    progress.start('t', 1, '0', b.promise);
    expect(progress.inFlight).toBe(2);
    let idle = false;
    void progress.idle().then(() => (idle = true));
    a.resolve();
    await settle();
    expect(idle).toBe(false);
    b.reject(new Error('x'));
    await settle();
    expect(idle).toBe(true);
    expect(progress.inFlight).toBe(0);
  });

  it('forgets partitions another member took, and puts back failed commits only for its own', async () => {
    const progress = new OffsetProgress(() => undefined);
    progress.start('t', 0, '3', Promise.resolve());
    progress.start('t', 1, '9', Promise.resolve());
    await settle();
    const offsets = progress.takeCommittable();
    expect(offsets).toHaveLength(2);

    progress.keepOnly({ t: [0] });
    progress.restore(offsets);
    expect(progress.takeCommittable()).toEqual([{ topic: 't', partition: 0, offset: '4' }]);
    expect(progress.wasStarted('t', 1, '9')).toBe(false);
  });
});
