import { describe, expect, it, jest } from '@jest/globals';
import { runWithLogContext, traceIdFrom } from '#observability';
import {
  DEADLINE_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  RPC_HEADERS,
  TRACE_HEADER,
  TRACEPARENT_HEADER,
  headerValue,
} from '../kafka/kafka-headers.js';
import { rpcClientDuration } from '../metrics/messaging-metrics.js';
import { KafkaRequester } from './kafka-requester.js';
import { DependencyUnavailableError, RpcFailure } from '#core';

import {
  REPLY_TOPIC,
  flush,
  pendingCount,
  started,
  useRequesterTestClock,
} from '../../test/fake-requester-kafka.js';

describe(`${KafkaRequester.name} request`, () => {
  useRequesterTestClock();

  describe('request', () => {
    it('sends the payload with the reply protocol headers', async () => {
      const { fake, requester } = await started({ timeoutMs: 1500 });
      const reply = requester.request(
        'people.create',
        { fullName: 'Ada' },
        { correlationId: 'trace-1', key: 'k' },
      );
      await flush();

      expect(fake.requests).toHaveLength(1);
      const { topic, messages } = fake.requests[0];
      expect(topic).toBe('people.create');
      expect(messages[0].key).toBe('k');
      expect(JSON.parse(String(messages[0].value))).toEqual({ fullName: 'Ada' });
      const headers = messages[0].headers;
      expect(headerValue(headers, RPC_HEADERS.correlationId)).toMatch(/^[0-9a-f-]{36}$/);
      expect(headerValue(headers, RPC_HEADERS.replyTopic)).toBe(REPLY_TOPIC);
      expect(headerValue(headers, DEADLINE_HEADER)).toBe(String(Date.now() + 1500 - 375));
      expect(headerValue(headers, TRACE_HEADER)).toBe('trace-1');

      await fake.replyTo(0, { ok: true, data: { id: 'p1' } });
      await expect(reply).resolves.toEqual({ id: 'p1' });
    });

    it('resolves each request with the reply of matching correlation id', async () => {
      const { fake, requester } = await started();
      const first = requester.request('people.get', { id: '1' });
      await flush();
      const second = requester.request('people.get', { id: '2' });
      await flush();

      await fake.replyTo(1, { ok: true, data: 'two' });
      await fake.replyTo(0, { ok: true, data: 'one' });

      await expect(first).resolves.toBe('one');
      await expect(second).resolves.toBe('two');
      expect(pendingCount(requester)).toBe(0);
    });

    it('ignores replies for unknown correlation ids and bare disposed markers', async () => {
      const { fake, requester } = await started();
      const reply = requester.request('people.get', { id: '1' });
      await flush();

      await fake.deliver(
        { [RPC_HEADERS.correlationId]: Buffer.from('someone-else') },
        '{"ok":true,"data":1}',
      );
      await fake.deliver({}, '{"ok":true,"data":1}');
      await fake.replyTo(0, null, { [RPC_HEADERS.disposed]: Buffer.from('1') });
      expect(pendingCount(requester)).toBe(1);

      await fake.replyTo(0, { ok: true, data: 2 });
      await expect(reply).resolves.toBe(2);
    });

    it('throws an RpcFailure carrying the error of an error reply', async () => {
      const { fake, requester } = await started();
      const reply = requester.request('people.get', { id: '1' });
      await flush();
      const error = {
        status: 404,
        code: 'NOT_FOUND',
        title: 'Not Found',
        detail: 'person 1 does not exist',
      };

      await fake.replyTo(0, { ok: false, error });

      await expect(reply).rejects.toBeInstanceOf(RpcFailure);
      await expect(reply).rejects.toMatchObject({ error });
    });

    it('throws a 500 RpcFailure when Nest replies with its error header', async () => {
      const { fake, requester } = await started();
      const reply = requester.request('people.get', { id: '1' });
      await flush();

      await fake.replyTo(0, null, {
        [RPC_HEADERS.error]: Buffer.from('There is no matching message handler'),
      });

      await expect(reply).rejects.toMatchObject({
        name: 'RpcFailure',
        error: { status: 500, code: 'INTERNAL', detail: 'There is no matching message handler' },
      });
    });

    it('throws DependencyUnavailableError when no reply comes in time, and forgets the request', async () => {
      const { fake, requester } = await started({ timeoutMs: 1000 });
      const reply = requester.request('people.get', { id: '1' });
      await flush();
      const assertion = expect(reply).rejects.toThrow(
        new DependencyUnavailableError('no reply to people.get within 1000 ms'),
      );

      await jest.advanceTimersByTimeAsync(999);
      expect(pendingCount(requester)).toBe(1);
      await jest.advanceTimersByTimeAsync(1);
      await assertion;
      await expect(reply).rejects.toBeInstanceOf(DependencyUnavailableError);
      expect(pendingCount(requester)).toBe(0);

      await expect(fake.replyTo(0, { ok: true, data: 'late' })).resolves.toBeUndefined();
    });

    it('uses a per-request timeout when given one', async () => {
      const { requester } = await started({ timeoutMs: 10_000 });
      const reply = requester.request('people.get', {}, { timeoutMs: 200 });
      await flush();
      const assertion = expect(reply).rejects.toBeInstanceOf(DependencyUnavailableError);
      await jest.advanceTimersByTimeAsync(200);
      await assertion;
    });

    it("waits no longer than the original caller's deadline, and passes that deadline on", async () => {
      const { fake, requester } = await started({ timeoutMs: 2000 });
      const deadline = Date.now() + 700;
      const reply = requester.request('people.find-by-ids', { ids: [] }, { deadline });
      await flush();
      const assertion = expect(reply).rejects.toThrow(
        new DependencyUnavailableError('no reply to people.find-by-ids within 700 ms'),
      );
      // 700 ms left: the server must be done 175 ms (a quarter) before, for its reply to arrive.
      expect(headerValue(fake.requests[0].messages[0].headers, DEADLINE_HEADER)).toBe(
        String(deadline - 175),
      );
      await jest.advanceTimersByTimeAsync(700);
      await assertion;
    });

    it('keeps its own timeout when the caller has more time left', async () => {
      const { fake, requester } = await started({ timeoutMs: 2000 });
      void requester.request('people.get', {}, { deadline: Date.now() + 60_000 }).catch(() => {});
      await flush();
      expect(headerValue(fake.requests[0].messages[0].headers, DEADLINE_HEADER)).toBe(
        String(Date.now() + 2000 - 500),
      );
      await jest.advanceTimersByTimeAsync(2000);
    });

    it('sends nothing when the caller has already given up', async () => {
      const { fake, requester } = await started();
      await expect(
        requester.request('people.get', {}, { deadline: Date.now() - 1 }),
      ).rejects.toBeInstanceOf(DependencyUnavailableError);
      expect(fake.requests).toHaveLength(0);
    });

    it('passes the Idempotency-Key on as a header', async () => {
      const { fake, requester } = await started();
      void requester.request('people.create', {}, { idempotencyKey: 'k-1' }).catch(() => {});
      await flush();
      expect(headerValue(fake.requests[0].messages[0].headers, IDEMPOTENCY_KEY_HEADER)).toBe('k-1');
      await jest.advanceTimersByTimeAsync(1000);
    });

    it('throws DependencyUnavailableError at once when the producer cannot send', async () => {
      const { fake, requester } = await started({ timeoutMs: 60_000 });
      fake.failSends(new Error('broker down'));
      const timersBefore = jest.getTimerCount();

      await expect(requester.request('people.get', {})).rejects.toThrow(
        new DependencyUnavailableError('could not send people.get: broker down'),
      );
      expect(pendingCount(requester)).toBe(0);
      expect(jest.getTimerCount()).toBe(timersBefore); // its timeout timer was cleared
    });
  });

  describe('metrics and log context', () => {
    it('times each call by pattern and outcome: ok, rejected, timeout, unavailable', async () => {
      const { fake, requester } = await started({ timeoutMs: 1000 });
      const before = await callsCounted('companies.get');
      const ok = requester.request('companies.get', {});
      await flush();
      await fake.replyTo(0, { ok: true, data: 1 });
      await ok;
      const rejected = requester.request('companies.get', {});
      await flush();
      const notFound = { status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: 'no' };
      await fake.replyTo(1, { ok: false, error: notFound });
      await expect(rejected).rejects.toBeInstanceOf(RpcFailure);
      const late = requester.request('companies.get', {});
      const lateFailed = expect(late).rejects.toBeInstanceOf(DependencyUnavailableError);
      await jest.advanceTimersByTimeAsync(1000);
      await lateFailed;
      fake.failSends(new Error('broker down'));
      await expect(requester.request('companies.get', {})).rejects.toThrow(/could not send/);

      const after = await callsCounted('companies.get');
      for (const outcome of ['ok', 'rejected', 'timeout', 'unavailable']) {
        expect([outcome, (after[outcome] ?? 0) - (before[outcome] ?? 0)]).toEqual([outcome, 1]);
      }
    });

    it("passes the request at hand's correlation and trace on", async () => {
      const { fake, requester } = await started({ timeoutMs: 1000 });
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const call = runWithLogContext({ correlationId: 'c-9', traceId }, () =>
        requester.request('people.get', {}),
      );
      const settled = expect(call).rejects.toBeInstanceOf(DependencyUnavailableError);
      await flush();
      const { headers } = fake.requests[0].messages[0];
      expect(headerValue(headers, TRACE_HEADER)).toBe('c-9');
      expect(traceIdFrom(headerValue(headers, TRACEPARENT_HEADER))).toBe(traceId);
      await jest.advanceTimersByTimeAsync(1000);
      await settled;
    });
  });
});

/** Calls of `pattern` counted by outcome, read from prom-client's own JSON. */
async function callsCounted(pattern: string): Promise<Record<string, number>> {
  const { values } = await rpcClientDuration.get();
  return Object.fromEntries(
    values
      .filter(
        (v) =>
          v.metricName === 'rpc_client_call_duration_seconds_count' &&
          v.labels.rpc_method === pattern,
      )
      .map((v) => [String(v.labels.outcome), v.value]),
  );
}
