import { createServer, type Server } from 'node:net';

function listenOnAnyPort(host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => resolve(server));
  });
}

/**
 * `count` distinct TCP ports that were free on `host` a moment ago (the OS picks them; all are held
 * open together so they differ, then released for the caller to bind).
 */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) servers.push(await listenOnAnyPort(host));
    return servers.map((server) => {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('No TCP port assigned');
      return address.port;
    });
  } finally {
    await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  }
}
