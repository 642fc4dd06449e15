import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { freePorts, portsInUse } from './free-port.js';

describe(portsInUse.name, () => {
  it('names the ports something listens on, and only those', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const taken = (server.address() as { port: number }).port;
    const [free] = await freePorts(1);
    try {
      expect(await portsInUse([taken, free])).toEqual([taken]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
