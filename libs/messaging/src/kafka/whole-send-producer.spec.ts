import { describe, expect, it, jest } from '@jest/globals';
import type { Logger } from '@nestjs/common';
import {
  KafkaJSConnectionError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  Kafka,
  logLevel,
  type Producer,
  type ProducerBatch,
  type ProducerRecord,
  type RecordMetadata,
} from 'kafkajs';
import { GaveUpError, isTransientError } from '#core';
import {
  createWholeSendProducer,
  repeatWholeSends,
  type WholeSendPolicy,
} from './whole-send-producer.js';

const fast: WholeSendPolicy = {
  maxAttempts: 5,
  maxTotalMs: 10_000,
  initialDelayMs: 2,
  maxDelayMs: 8,
};

/** What kafkajs throws from a send whose own retries are off and whose leader moved. */
const notLeader = () =>
  new KafkaJSNumberOfRetriesExceeded(
    new KafkaJSProtocolError({
      message: 'This server is not the leader for that topic-partition',
      type: 'NOT_LEADER_FOR_PARTITION',
      code: 6,
      retriable: true,
    } as never),
    { retryCount: 0, retryTime: 100 },
  );
/** What kafkajs' retrier throws for an error it may not retry (it sets the cause so). */
const tooLarge = () => {
  const refused = new KafkaJSProtocolError({
    message: 'The request included a message larger than the max message size',
    type: 'MESSAGE_TOO_LARGE',
    code: 10,
    retriable: false,
  } as never);
  return Object.assign(new KafkaJSNonRetriableError(refused), { cause: refused });
};

const metadata: RecordMetadata[] = [{ topicName: 't', partition: 0, errorCode: 0 }];
const record: ProducerRecord = { topic: 'person.events', acks: -1, messages: [{ value: 'a' }] };

/** A producer whose sends fail with `failures` in turn, then succeed. */
function fakeProducer(failures: Array<() => Error>) {
  const outcome = () => {
    const failure = failures.shift();
    return failure ? Promise.reject(failure()) : Promise.resolve(metadata);
  };
  const send = jest.fn((_record: ProducerRecord) => outcome());
  const sendBatch = jest.fn((_batch: ProducerBatch) => outcome());
  const disconnect = jest.fn(async () => undefined);
  const producer = { send, sendBatch, disconnect, connect: jest.fn() } as unknown as Producer;
  return { producer, send, sendBatch, disconnect };
}

const quietLogger = () =>
  ({ log: jest.fn(), warn: jest.fn() }) as unknown as Logger & { warn: jest.Mock };

describe(repeatWholeSends.name, () => {
  it('sends once when the send succeeds', async () => {
    const fake = fakeProducer([]);
    const producer = repeatWholeSends(fake.producer, fast, quietLogger());
    await expect(producer.send(record)).resolves.toEqual(metadata);
    expect(fake.send).toHaveBeenCalledTimes(1);
  });

  it('repeats the whole send, the same record each time, until it goes through', async () => {
    const fake = fakeProducer([notLeader, () => new KafkaJSConnectionError('refused')]);
    const producer = repeatWholeSends(fake.producer, fast, quietLogger());
    await expect(producer.send(record)).resolves.toEqual(metadata);
    expect(fake.send).toHaveBeenCalledTimes(3);
    for (const [sent] of fake.send.mock.calls) expect(sent).toBe(record);
  });

  it('repeats a whole sendBatch, every topic of it', async () => {
    const fake = fakeProducer([notLeader]);
    const producer = repeatWholeSends(fake.producer, fast, quietLogger());
    const batch: ProducerBatch = {
      acks: -1,
      topicMessages: [
        { topic: 'a', messages: [{ value: '1' }] },
        { topic: 'b', messages: [{ value: '2' }] },
      ],
    };
    await producer.sendBatch(batch);
    expect(fake.sendBatch.mock.calls.map(([sent]) => sent)).toEqual([batch, batch]);
  });

  it('does not repeat what the broker refuses for good', async () => {
    const fake = fakeProducer([tooLarge, tooLarge]);
    const producer = repeatWholeSends(fake.producer, fast, quietLogger());
    const error = await producer.send(record).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GaveUpError);
    expect((error as GaveUpError).message).toMatch(/^send to person.events refused: /);
    expect(isTransientError(error)).toBe(false);
    expect(fake.send).toHaveBeenCalledTimes(1);
  });

  it('gives up after maxAttempts with an error that names the attempts and stays transient', async () => {
    const fake = fakeProducer(Array.from({ length: 10 }, () => notLeader));
    const logger = quietLogger();
    const producer = repeatWholeSends(fake.producer, fast, logger);
    const error = (await producer.send(record).catch((e: unknown) => e)) as GaveUpError;
    expect(error).toBeInstanceOf(GaveUpError);
    expect(error.attempts).toBe(5);
    expect(error.message).toMatch(
      /^send to person.events failed 5 times in \d+ ms, last: .*leader/,
    );
    expect(isTransientError(error)).toBe(true);
    expect(fake.send).toHaveBeenCalledTimes(5);
  });

  it('backs off exponentially up to maxDelayMs', async () => {
    const fake = fakeProducer(Array.from({ length: 10 }, () => notLeader));
    const logger = quietLogger();
    const policy = { maxAttempts: 6, maxTotalMs: 10_000, initialDelayMs: 10, maxDelayMs: 40 };
    await repeatWholeSends(fake.producer, policy, logger)
      .send(record)
      .catch(() => undefined);
    const delays = logger.warn.mock.calls.map(([line]) =>
      Number(/again in (\d+) ms/.exec(line as string)![1]),
    );
    const bases = [10, 20, 40, 40, 40];
    expect(delays).toHaveLength(bases.length);
    delays.forEach((delay, i) => {
      expect(delay).toBeGreaterThanOrEqual(bases[i] * 0.8);
      expect(delay).toBeLessThanOrEqual(bases[i] * 1.2);
    });
  });

  it('starts no attempt after maxTotalMs', async () => {
    const fake = fakeProducer(Array.from({ length: 100 }, () => notLeader));
    const policy = { maxAttempts: 100, maxTotalMs: 60, initialDelayMs: 20, maxDelayMs: 20 };
    const started = Date.now();
    const error = (await repeatWholeSends(fake.producer, policy, quietLogger())
      .send(record)
      .catch((e: unknown) => e)) as GaveUpError;
    expect(Date.now() - started).toBeLessThan(200);
    expect(error.attempts).toBeLessThanOrEqual(4);
  });

  it('gives up a send waiting to be repeated when the producer disconnects', async () => {
    const fake = fakeProducer(Array.from({ length: 10 }, () => notLeader));
    const policy = {
      maxAttempts: 10,
      maxTotalMs: 60_000,
      initialDelayMs: 5_000,
      maxDelayMs: 5_000,
    };
    const producer = repeatWholeSends(fake.producer, policy, quietLogger());
    const sending = producer.send(record).catch((e: unknown) => e);
    await new Promise((resolve) => setImmediate(resolve));
    const started = Date.now();
    await producer.disconnect();
    const error = (await sending) as GaveUpError;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.message).toMatch(/producer disconnecting/);
    expect(fake.send).toHaveBeenCalledTimes(1);
    expect(fake.disconnect).toHaveBeenCalledTimes(1);
  });
});

describe('withPolicy', () => {
  it('sends through the same producer under its own policy, and stops when that producer disconnects', async () => {
    const fake = fakeProducer(Array.from({ length: 10 }, () => notLeader));
    const producer = repeatWholeSends(fake.producer, fast, quietLogger());
    const requests = producer.withPolicy({ ...fast, maxAttempts: 2 });
    const error = (await requests.send(record).catch((e: unknown) => e)) as GaveUpError;
    expect(error.attempts).toBe(2);
    const slow = { maxAttempts: 10, maxTotalMs: 60_000, initialDelayMs: 5_000, maxDelayMs: 5_000 };
    const waiting = producer
      .withPolicy(slow)
      .send(record)
      .catch((e: unknown) => e);
    await new Promise((resolve) => setImmediate(resolve));
    await producer.disconnect();
    expect(((await waiting) as Error).message).toMatch(/producer disconnecting/);
    expect(fake.send).toHaveBeenCalledTimes(3);
  });
});

describe(createWholeSendProducer.name, () => {
  it("turns kafkajs' own retries off and keeps the rest of the config", () => {
    const fake = fakeProducer([]);
    const producerOf = jest.fn((_config: unknown) => fake.producer);
    createWholeSendProducer({ producer: producerOf } as unknown as Kafka, {
      allowAutoTopicCreation: false,
    });
    expect(producerOf).toHaveBeenCalledWith({
      allowAutoTopicCreation: false,
      retry: { retries: 0 },
    });
  });

  it('builds a real kafkajs producer; an idempotent one would refuse retries 0', () => {
    const kafka = new Kafka({ brokers: ['127.0.0.1:1'], logLevel: logLevel.NOTHING });
    expect(typeof createWholeSendProducer(kafka).sendBatch).toBe('function');
    expect(() => kafka.producer({ idempotent: true, retry: { retries: 0 } })).toThrow(
      /Idempotent producer must allow retries/,
    );
  });
});
