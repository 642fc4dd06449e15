import { describe, expect, it, jest } from '@jest/globals';
import { RPC_HEADERS, headerValue } from '../kafka/kafka-headers.js';
import { KafkaRequester } from './kafka-requester.js';

import {
  REPLY_TOPIC,
  fakeKafka,
  flush,
  pendingCount,
  started,
  useRequesterTestClock,
} from '../../test/fake-requester-kafka.js';

describe(KafkaRequester.name, () => {
  useRequesterTestClock();

  describe('start', () => {
    it('reads one partition of the reply topic, pauses the others, and proves replies arrive', async () => {
      const { fake, requester } = await started({ partitions: [0, 1, 2, 3] });

      expect(fake.admin.fetchTopicMetadata).toHaveBeenCalledWith({ topics: [REPLY_TOPIC] });
      expect(fake.admin.disconnect).toHaveBeenCalled();
      expect(fake.consumer.subscribe).toHaveBeenCalledWith({
        topic: REPLY_TOPIC,
        fromBeginning: false,
      });
      const probe = fake.send.mock.calls.find(([r]) => r.topic === REPLY_TOPIC)![0];
      const chosen = probe.messages[0].partition!;
      expect([0, 1, 2, 3]).toContain(chosen);

      fake.groupJoined();
      expect(fake.consumer.pause).toHaveBeenCalledWith([
        { topic: REPLY_TOPIC, partitions: [0, 1, 2, 3].filter((p) => p !== chosen) },
      ]);

      void requester.request('people.get', { id: 'p1' }).catch(() => undefined);
      await flush();
      expect(headerValue(fake.requests[0].messages[0].headers, RPC_HEADERS.replyPartition)).toBe(
        String(chosen),
      );
      expect(pendingCount(requester)).toBe(1);
      await requester.stop();
    });

    it('pauses nothing when the reply topic has a single partition', async () => {
      const { fake } = await started({ partitions: [0] });
      fake.groupJoined();
      expect(fake.consumer.pause).not.toHaveBeenCalled();
    });

    it('fails when its probe never comes back', async () => {
      const fake = fakeKafka({ loopback: false });
      const requester = new KafkaRequester(fake.kafka, fake.producer, {
        replyTopic: REPLY_TOPIC,
        timeoutMs: 1000,
        readyTimeoutMs: 2500,
      });
      const assertion = expect(requester.start()).rejects.toThrow(/did not arrive/);
      await jest.advanceTimersByTimeAsync(3000);
      await assertion;
      expect(fake.send.mock.calls.filter(([r]) => r.topic === REPLY_TOPIC)).toHaveLength(3);
    });

    it('after a restart, reads on from the reply after the last one it read, not from the newest', async () => {
      const { fake, requester } = await started({ partitions: [0] });
      const answered = requester.request('people.get', { id: 'p1' });
      await flush();
      await fake.replyTo(0, { ok: true, data: 'p1' }); // offset 1, after the probe's 0
      await expect(answered).resolves.toBe('p1');

      fake.groupJoined(); // kafkajs restarted the crashed consumer: a new group, nothing committed
      expect(fake.consumer.seek).toHaveBeenCalledWith({
        topic: REPLY_TOPIC,
        partition: 0,
        offset: '2',
      });
      await requester.stop();
    });
  });
});
