import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import net from 'node:net';
import { KafkaEnvSchema, loadConfig } from '#config';
import { kafkaClientConfig } from './kafka-client.factory.js';
import { noDelaySocketFactory } from './kafka-socket.js';

describe(noDelaySocketFactory.name, () => {
  let server: net.Server;
  let port: number;

  beforeAll(async () => {
    server = net.createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('connects with Nagle off and keep-alive on, and is what every app client uses', async () => {
    const calls: string[] = [];
    const original = {
      noDelay: net.Socket.prototype.setNoDelay,
      alive: net.Socket.prototype.setKeepAlive,
    };
    net.Socket.prototype.setNoDelay = function (this: net.Socket, on?: boolean) {
      calls.push(`noDelay ${on}`);
      return original.noDelay.call(this, on);
    };
    net.Socket.prototype.setKeepAlive = function (this: net.Socket, on?: boolean, ms?: number) {
      calls.push(`keepAlive ${on} ${ms}`);
      return original.alive.call(this, on, ms);
    };
    try {
      await new Promise<void>((resolve) => {
        const socket = noDelaySocketFactory({
          host: '127.0.0.1',
          port,
          ssl: undefined as never,
          onConnect: () => {
            socket.destroy();
            resolve();
          },
        });
      });
    } finally {
      Object.assign(net.Socket.prototype, {
        setNoDelay: original.noDelay,
        setKeepAlive: original.alive,
      });
    }
    expect(calls).toEqual(['keepAlive true 60000', 'noDelay true']);
    expect(kafkaClientConfig(loadConfig(KafkaEnvSchema, {}), 'x').socketFactory).toBe(
      noDelaySocketFactory,
    );
  });
});
