import { describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type { Consumer } from 'kafkajs';
import { ConsumerReadiness } from './consumer-readiness.js';

/** The part of a kafkajs consumer `watch` uses: its event names and `on`. */
function fakeConsumer() {
  const emitter = new EventEmitter();
  const events = { GROUP_JOIN: 'group_join', CRASH: 'crash', STOP: 'stop' };
  const consumer = { events, on: (e: string, l: () => void) => emitter.on(e, l) };
  return { consumer: consumer as unknown as Consumer, emit: (e: string) => emitter.emit(e) };
}

describe(ConsumerReadiness.name, () => {
  it('is ready with no consumers, and not while an expected group has not joined', () => {
    const readiness = new ConsumerReadiness();
    expect(readiness.allJoined()).toBe(true);
    readiness.expect('people');
    readiness.expect('employment.hire-requests');
    expect(readiness.allJoined()).toBe(false);
    readiness.markJoined('people');
    expect(readiness.pending()).toEqual(['employment.hire-requests']);
    readiness.markJoined('employment.hire-requests');
    expect(readiness.allJoined()).toBe(true);
    expect(readiness.joinedGroups()).toEqual(['people', 'employment.hire-requests']);
  });

  it('expecting a group again does not forget that it joined', () => {
    const readiness = new ConsumerReadiness();
    readiness.markJoined('people');
    readiness.expect('people');
    expect(readiness.allJoined()).toBe(true);
  });

  it("follows a watched consumer's join, crash, rejoin and stop", () => {
    const readiness = new ConsumerReadiness();
    const { consumer, emit } = fakeConsumer();
    readiness.watch('companies', consumer);
    expect(readiness.pending()).toEqual(['companies']);
    emit('group_join');
    expect(readiness.allJoined()).toBe(true);
    emit('crash');
    expect(readiness.pending()).toEqual(['companies']);
    emit('group_join');
    expect(readiness.allJoined()).toBe(true);
    emit('stop');
    expect(readiness.allJoined()).toBe(false);
  });
});
