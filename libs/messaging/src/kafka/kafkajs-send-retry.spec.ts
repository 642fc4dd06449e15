import { createRequire } from 'node:module';
import { describe, expect, it } from '@jest/globals';
import { KafkaJSProtocolError, type Message } from 'kafkajs';

// kafkajs#1303 on kafkajs' own send code (2.2.4): a cluster of two brokers, node 1 leading
// partition 0 and node 2 partition 1. Node 1 answers "not the leader": partition 0 moved to node 2.
const require = createRequire(import.meta.url);
type SendMessages = (options: {
  topicMessages: Array<{ topic: string; messages: Message[] }>;
  acks: number;
}) => Promise<unknown[]>;
const createSendMessages = require('kafkajs/src/producer/sendMessages.js') as (
  deps: object,
) => SendMessages;
const createRetry = require('kafkajs/src/retry/index.js') as (options: object) => unknown;

function leaderMovesDuringSend() {
  const leaders: Record<number, number> = { 0: 1, 1: 2 };
  const written: string[] = [];
  const broker = (nodeId: number) => ({
    nodeId,
    produce: async ({
      topicData,
    }: {
      topicData: Array<{
        topic: string;
        partitions: Array<{ partition: number; messages: Message[] }>;
      }>;
    }) => {
      const partitions = topicData.flatMap((t) => t.partitions);
      if (partitions.some((p) => leaders[p.partition] !== nodeId)) {
        throw new KafkaJSProtocolError({
          message: 'This server is not the leader for that topic-partition',
          type: 'NOT_LEADER_FOR_PARTITION',
          code: 6,
          retriable: true,
        } as never);
      }
      for (const p of partitions) for (const m of p.messages) written.push(String(m.value));
      return {
        topics: topicData.map((t) => ({
          topicName: t.topic,
          partitions: t.partitions.map((p) => ({ partition: p.partition, errorCode: 0 })),
        })),
      };
    },
  });
  const brokers = new Map([1, 2].map((id) => [id, broker(id)]));
  leaders[0] = 2; // moved; the client's metadata still says node 1 until it refreshes
  let metadata = { 0: 1, 1: 2 } as Record<number, number>;
  const cluster = {
    refreshMetadataIfNecessary: async () => undefined,
    refreshMetadata: async () => void (metadata = { ...leaders }),
    addMultipleTargetTopics: async () => undefined,
    isConnected: () => true,
    findTopicPartitionMetadata: () =>
      [0, 1].map((partitionId) => ({ partitionId, leader: metadata[partitionId] })),
    findLeaderForPartitions: (_topic: string, partitions: string[]) => {
      const byLeader: Record<number, number[]> = {};
      for (const p of partitions.map(Number)) (byLeader[metadata[p]] ??= []).push(p);
      return byLeader;
    },
    findBroker: async ({ nodeId }: { nodeId: string }) => brokers.get(Number(nodeId)),
  };
  const eosManager = {
    acquireBrokerLock: async () => undefined,
    releaseBrokerLock: async () => undefined,
    isTransactional: () => false,
    getSequence: () => 0,
    updateSequence: () => undefined,
    getProducerId: () => -1,
    getProducerEpoch: () => 0,
  };
  const logger = { debug: () => undefined, error: () => undefined };
  const send = (retries: number) =>
    createSendMessages({
      logger,
      cluster,
      eosManager,
      partitioner: ({ message }: { message: Message }) => message.partition,
      retrier: createRetry({ retries, initialRetryTime: 1, maxRetryTime: 1 }),
    })({
      acks: -1,
      topicMessages: [
        {
          topic: 't',
          messages: [
            { partition: 0, value: 'p0' },
            { partition: 1, value: 'p1' },
          ],
        },
      ],
    });
  return { send, written };
}

describe('kafkajs send retries (kafkajs#1303)', () => {
  it("resolve with partition 0's message never written when its leader moved to a broker that had answered", async () => {
    const { send, written } = leaderMovesDuringSend();
    await expect(send(5)).resolves.toBeDefined();
    expect(written).toEqual(['p1']);
  });

  it('with retries off the send fails, and the whole send repeated writes both (p1 twice)', async () => {
    const { send, written } = leaderMovesDuringSend();
    await expect(send(0)).rejects.toThrow(/not the leader/);
    await expect(send(0)).resolves.toBeDefined();
    expect(written.sort()).toEqual(['p0', 'p1', 'p1']);
  });
});
