import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { TcpFaultProxy } from './tcp-fault-proxy.js';

/** An echo server on a free loopback port. */
async function echoServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.on('error', () => undefined).pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, port: (server.address() as { port: number }).port };
}

/** Connects through the proxy and collects what comes back. */
async function client(port: number): Promise<{ socket: Socket; received: () => string }> {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  socket.on('data', (chunk) => (text += chunk.toString()));
  await new Promise<void>((resolve, reject) =>
    socket.once('connect', resolve).once('error', reject),
  );
  return { socket, received: () => text };
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return Date.now() - started;
}

describe(TcpFaultProxy.name, () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function proxied() {
    const { server, port } = await echoServer();
    const proxy = new TcpFaultProxy('127.0.0.1', port);
    await proxy.start();
    const c = await client(proxy.port);
    cleanup.push(
      () => new Promise((resolve) => server.close(resolve)),
      () => proxy.stop(),
      () => c.socket.destroy(),
    );
    return { proxy, ...c };
  }

  it('passes bytes straight through by default', async () => {
    const { socket, received } = await proxied();
    socket.write('hello');
    await waitFor(() => received() === 'hello', 1_000);
  });

  it('delays each way by the latency plus jitter and keeps the bytes in order', async () => {
    const { proxy, socket, received } = await proxied();
    proxy.slow({ latencyMs: 40, jitterMs: 30 });
    const sent = Array.from({ length: 50 }, (_, i) => `<${i}>`).join('');
    const started = Date.now();
    for (const piece of sent.match(/<\d+>/g)!) socket.write(piece);
    await waitFor(() => received().length === sent.length);
    expect(received()).toBe(sent);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * 40); // there and back
  });

  it('holds every byte during a stall, then delivers it, the connection kept', async () => {
    const { proxy, socket, received } = await proxied();
    socket.write('a');
    await waitFor(() => received() === 'a');
    proxy.stall(300);
    const stalled = Date.now();
    socket.write('b');
    await waitFor(() => received() === 'ab');
    expect(Date.now() - stalled).toBeGreaterThanOrEqual(290);
    expect(socket.destroyed).toBe(false);
  });

  it('refuses new connections and cuts open ones while down, and passes them again when up', async () => {
    const { proxy, socket } = await proxied();
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => undefined);
    proxy.down();
    await closed;
    proxy.up();
    const again = await client(proxy.port);
    cleanup.push(() => again.socket.destroy());
    again.socket.write('back');
    await waitFor(() => again.received() === 'back');
  });
});
